"use client";

import { useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { deleteApiKeyAction } from "@/lib/api-keys/actions";

/** The list's heading: focus lands there once the deleted key's row, and this button, are gone. */
export const API_KEY_LIST_HEADING_ID = "your-api-keys";

/** Delete, for a key that no longer works (revoked or expired), after a confirmation. */
export function DeleteApiKeyButton({ id, name }: { id: string; name: string }) {
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [deleted, setDeleted] = useState(false);
  const { pending, run } = useAction({ refresh: "on-success" });
  const [problem, setProblem] = useState<string>();

  // Each opening starts without the last one's refusal.
  function openChange(next: boolean) {
    if (!next) setProblem(undefined);
    setOpen(next);
  }

  async function confirm() {
    setProblem(undefined);
    const result = await run(() => deleteApiKeyAction({ id }));
    if (!result.ok) return setProblem(result.message);
    setDeleted(true);
    setOpen(false);
  }

  return (
    <>
      <Button
        ref={opener}
        variant="secondary"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={`Delete API key ${name}`}
      >
        Delete
      </Button>
      <ConfirmDialog
        title="Delete API key"
        open={open}
        onOpenChange={openChange}
        pending={pending}
        returnFocusTo={() => (deleted ? document.getElementById(API_KEY_LIST_HEADING_ID) : opener.current)}
        confirm={{ label: "Delete", pendingLabel: "Deleting…", onConfirm: confirm }}
        problem={problem}
      >
        <p>
          Delete the API key <strong>&ldquo;{name}&rdquo;</strong>? It no longer works; deleting it only removes it from
          this list. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
