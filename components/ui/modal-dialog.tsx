"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRef, type ReactNode } from "react";

import { CloseIcon } from "./icons";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** While true, Escape, outside clicks and the close button do nothing. */
  pending: boolean;
  /** Where focus goes on close; by default, back to what had it before opening. */
  returnFocusTo?: () => HTMLElement | null | undefined;
  /** "alertdialog" for confirmations. */
  role?: "dialog" | "alertdialog";
  children: ReactNode;
}

/**
 * The app's modal overlay, on Radix Dialog: focus is trapped inside and returned on close, the
 * page behind is inert, Escape closes — except while something is being saved.
 */
export function ModalDialog({ open, onOpenChange, title, pending, returnFocusTo, role = "dialog", children }: Props) {
  const contentRef = useRef<HTMLDivElement>(null);
  const preventWhilePending = (event: Event) => {
    if (pending) event.preventDefault();
  };
  return (
    <Dialog.Root open={open} onOpenChange={(next) => (next || !pending) && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/55" />
        <Dialog.Content
          ref={contentRef}
          role={role}
          aria-describedby={undefined}
          aria-busy={pending}
          onEscapeKeyDown={preventWhilePending}
          onInteractOutside={preventWhilePending}
          onOpenAutoFocus={(event) => {
            // Start on the first field, if any, rather than on the close button. In a radio group
            // that is the checked radio (the group's tab stop), never an unchecked one.
            const field = contentRef.current?.querySelector<HTMLElement>(
              "input:not([type=radio]), input[type=radio]:checked, textarea, select",
            );
            if (field) {
              event.preventDefault();
              field.focus();
            }
          }}
          onCloseAutoFocus={(event) => {
            const target = returnFocusTo?.();
            if (target) {
              event.preventDefault();
              target.focus();
            }
          }}
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white wrap-anywhere text-slate-900 shadow-2xl dark:bg-slate-900 dark:text-slate-100"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-6 py-4 dark:border-slate-800">
            <Dialog.Title className="text-lg font-semibold">{title}</Dialog.Title>
            <Dialog.Close
              disabled={pending}
              aria-label="Close"
              // The transparent border is this button's edge in forced colours, which drop the hover fill.
              className="rounded-md border border-transparent p-1.5 text-slate-600 hover:bg-slate-100 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              <CloseIcon />
            </Dialog.Close>
          </div>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
