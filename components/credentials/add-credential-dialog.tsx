"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import { createCredentialAction } from "@/lib/credentials/actions";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { NewCredentialFormValues } from "@/lib/credentials/schema";
import { CloseIcon } from "@/components/ui/icons";
import { NewCredentialForm } from "./new-credential-form";

interface Props {
  connectorId: string;
  /** Where focus goes back to when the overlay is dismissed. */
  returnFocusTo: RefObject<HTMLElement | null>;
  onClose: () => void;
  onCreated: (credential: PublicCredential) => void;
}

/**
 * The "Add New Credential" overlay. A native modal <dialog>: the browser makes the page behind it
 * inert (focus cannot leave it) and gives Escape. This component owns open/close and the pending
 * state, during which nothing can dismiss it; the form owns the fields.
 */
export function AddCredentialDialog({ connectorId, returnFocusTo, onClose, onCreated }: Props) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [pending, setPending] = useState(false);
  const pendingRef = useRef(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // showModal() would focus the first focusable element (the close button); start on the first field.
      dialog.querySelector<HTMLElement>("input, textarea")?.focus();
    }
    const focusTarget = returnFocusTo.current;
    return () => focusTarget?.focus();
  }, [returnFocusTo]);

  function dismiss() {
    if (pendingRef.current) return;
    dialogRef.current?.close();
  }

  async function submit(values: NewCredentialFormValues) {
    pendingRef.current = true;
    setPending(true);
    try {
      const result = await createCredentialAction(connectorId, values);
      if (result.ok) {
        pendingRef.current = false;
        onCreated(result.data);
        dialogRef.current?.close();
      }
      return result;
    } finally {
      pendingRef.current = false;
      setPending(false);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="add-credential-title"
      aria-busy={pending}
      onClose={onClose}
      onCancel={(event) => {
        // Escape while ClickUp is being asked must not drop the request's outcome.
        if (pendingRef.current) event.preventDefault();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape" && pendingRef.current) event.preventDefault();
      }}
      className="m-auto max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-xl overflow-y-auto rounded-xl bg-white p-0 text-slate-900 shadow-2xl dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-6 py-4 dark:border-slate-800">
        <h2 id="add-credential-title" className="text-lg font-semibold">
          Add New Credential
        </h2>
        <button
          type="button"
          onClick={dismiss}
          disabled={pending}
          aria-label="Close"
          className="rounded-md p-1.5 text-slate-600 hover:bg-slate-100 disabled:opacity-40 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          <CloseIcon />
        </button>
      </div>
      <NewCredentialForm connectorId={connectorId} pending={pending} onSubmit={submit} />
    </dialog>
  );
}
