"use client";

import type { ReactNode } from "react";

import { Button } from "./button";
import { FormAlert } from "./form-alert";
import { ModalDialog } from "./modal-dialog";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The dialog's name, e.g. "Delete Credential". */
  title: string;
  /** While true, both buttons are disabled and the dialog cannot be dismissed. */
  pending: boolean;
  /** Where focus goes on close; by default, back to what had it before opening. */
  returnFocusTo?: () => HTMLElement | null | undefined;
  /** What is asked, and what follows from a yes. */
  children: ReactNode;
  /**
   * The button that says yes, e.g. `{ label: "Delete", pendingLabel: "Deleting…" }`. Without it
   * only Cancel is offered: the question cannot be answered yes (the credential is still in use).
   */
  confirm?: { label: string; pendingLabel: string; onConfirm: () => void };
  /** Why the last yes failed, shown as an alert above the buttons. */
  problem?: string;
}

/**
 * A confirmation before something that cannot be undone: an `alertdialog` on ModalDialog, with
 * Cancel and a danger button, and the refusal (when there is one) said above them.
 */
export function ConfirmDialog({
  open,
  onOpenChange,
  title,
  pending,
  returnFocusTo,
  children,
  confirm,
  problem,
}: Props) {
  return (
    <ModalDialog
      title={title}
      role="alertdialog"
      open={open}
      onOpenChange={onOpenChange}
      pending={pending}
      returnFocusTo={returnFocusTo}
    >
      <div className="space-y-4 px-6 py-5">
        {children}
        {problem && (
          <FormAlert>
            <p>{problem}</p>
          </FormAlert>
        )}
        <div className="flex justify-end gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
          <Button variant="secondary" onClick={() => onOpenChange(false)} disabled={pending}>
            Cancel
          </Button>
          {confirm && (
            <Button variant="danger" onClick={confirm.onConfirm} disabled={pending}>
              {pending ? confirm.pendingLabel : confirm.label}
            </Button>
          )}
        </div>
      </div>
    </ModalDialog>
  );
}
