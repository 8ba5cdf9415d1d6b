"use client";

import { useState } from "react";

import { ActionOutcome } from "@/components/ui/action-outcome";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { keepNewAccountAction } from "@/lib/credentials/actions";
import type { PublicCredential } from "@/lib/credentials/public-credential";

/**
 * "Keep the new account": the owner's other way out of "account changed", after a confirmation
 * naming what follows (every source and destination using it goes on as the new account).
 */
export function KeepNewAccountButton({ credential }: { credential: PublicCredential }) {
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  // A refusal refreshes too: the state may have moved on since the page was read.
  const { pending, run } = useAction({ refresh: "always" });

  async function keep() {
    const result = await run(() => keepNewAccountAction({ id: credential.id, version: credential.version }));
    if (!result.ok) return setProblem(result.message);
    setOpen(false);
    setOutcome({ ok: true, text: `“${credential.name}” now uses the new ClickUp account.` });
  }

  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        onClick={() => {
          setProblem(undefined);
          setOutcome(undefined);
          setOpen(true);
        }}
      >
        Keep the new account
      </Button>
      <ActionOutcome outcome={outcome} />
      <ConfirmDialog
        title="Keep the new account"
        open={open}
        onOpenChange={setOpen}
        pending={pending}
        confirm={{ label: "Keep the new account", pendingLabel: "Keeping…", onConfirm: keep }}
        problem={problem}
      >
        <p className="break-words">{credential.stateReason}</p>
        <p className="break-words">
          Every source and destination using “{credential.name}” will go on with the account ClickUp reports now.
        </p>
      </ConfirmDialog>
    </div>
  );
}
