"use client";

import { useRef, useState } from "react";
import * as Dialog from "@radix-ui/react-dialog";
import { createCredentialAction } from "@/lib/credentials/actions";
import type { CreateCredentialResult } from "@/lib/credentials/results";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { NewCredentialFormValues } from "@/lib/credentials/schema";
import { CloseIcon } from "@/components/ui/icons";
import { NewCredentialForm } from "./new-credential-form";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  connectorId: string;
  /** Where keyboard focus goes when the overlay closes (the tile that opened it, or a new tile). */
  returnFocusTo: () => HTMLElement | null | undefined;
  onCreated: (credential: PublicCredential) => void;
}

/**
 * The "Add New Credential" overlay. Radix's dialog traps focus, makes the page behind it inert and
 * handles Escape; this component owns open/close and the pending state, during which nothing can
 * dismiss it. The form owns the fields.
 */
export function AddCredentialDialog({ open, onOpenChange, connectorId, returnFocusTo, onCreated }: Props) {
  const [pending, setPending] = useState(false);
  const pendingRef = useRef(false);
  const contentRef = useRef<HTMLDivElement>(null);

  function setPendingState(value: boolean) {
    pendingRef.current = value;
    setPending(value);
  }

  async function submit(values: NewCredentialFormValues): Promise<CreateCredentialResult> {
    setPendingState(true);
    try {
      const result = await createCredentialAction(connectorId, values);
      if (result.ok) {
        setPendingState(false);
        onCreated(result.data);
        onOpenChange(false);
      }
      return result;
    } catch {
      // The request itself failed (network gone, server refused an oversized body, server down).
      return {
        ok: false,
        message: "The server could not be reached or refused the request. Nothing was saved; check your connection and try again.",
      };
    } finally {
      setPendingState(false);
    }
  }

  // Escape, outside clicks and the close button all land here; while ClickUp is being asked they do nothing.
  const preventWhilePending = (event: Event) => {
    if (pendingRef.current) event.preventDefault();
  };

  return (
    <Dialog.Root open={open} onOpenChange={(next) => (next || !pendingRef.current) && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/55" />
        <Dialog.Content
          ref={contentRef}
          aria-describedby={undefined}
          aria-busy={pending}
          onEscapeKeyDown={preventWhilePending}
          onInteractOutside={preventWhilePending}
          onOpenAutoFocus={(event) => {
            // Start on the first field rather than the close button.
            event.preventDefault();
            contentRef.current?.querySelector<HTMLElement>("input, textarea")?.focus();
          }}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocusTo()?.focus();
          }}
          className="fixed top-1/2 left-1/2 z-50 max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-xl -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white text-slate-900 shadow-2xl dark:bg-slate-900 dark:text-slate-100"
        >
          <div className="flex items-center justify-between border-b border-slate-200 px-6 py-4 dark:border-slate-800">
            <Dialog.Title className="text-lg font-semibold">Add New Credential</Dialog.Title>
            <Dialog.Close
              disabled={pending}
              aria-label="Close"
              className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              <CloseIcon />
            </Dialog.Close>
          </div>
          <NewCredentialForm connectorId={connectorId} pending={pending} onSubmit={submit} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
