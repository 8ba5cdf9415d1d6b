"use client";

import { useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { deleteWebhookAction } from "@/lib/webhooks/actions";

/** The list's heading: focus lands there once the deleted webhook, and this button, are gone. */
export const WEBHOOK_LIST_HEADING_ID = "your-webhooks";

/** Delete, after a confirmation: nothing more is sent to it, and its delivery log goes with it. */
export function DeleteWebhookButton({ id, url }: { id: string; url: string }) {
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
    const result = await run(() => deleteWebhookAction({ id }));
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
        aria-label={`Delete webhook ${url}`}
      >
        Delete
      </Button>
      <ConfirmDialog
        title="Delete webhook"
        open={open}
        onOpenChange={openChange}
        pending={pending}
        returnFocusTo={() => (deleted ? document.getElementById(WEBHOOK_LIST_HEADING_ID) : opener.current)}
        confirm={{ label: "Delete", pendingLabel: "Deleting…", onConfirm: confirm }}
        problem={problem}
      >
        <p className="break-words">
          Delete the webhook to <strong className="font-mono break-all">{url}</strong>? No more events are sent to it,
          including those waiting for another try, and its delivery log is deleted. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}
