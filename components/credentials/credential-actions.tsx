"use client";

import { useState } from "react";

import { ActionOutcome } from "@/components/ui/action-outcome";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/ui/use-action";
import { verifyCredentialAction } from "@/lib/credentials/actions";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CredentialUse } from "@/lib/credentials/results";
import { startOAuthReconnectAction } from "@/lib/oauth/actions";

import { DeleteCredentialDialog } from "./delete-credential-dialog";
import { EditCredentialDialog } from "./edit-credential-dialog";
import { ReplaceTokenDialog } from "./replace-token-form";

type OpenDialog = "edit" | "replace" | "delete" | undefined;

interface Props {
  credential: PublicCredential;
  uses: CredentialUse[];
  /** How a Reconnect just ended, when ClickUp has sent the person back here. */
  initialOutcome?: { ok: boolean; text: string };
}

/**
 * Verify now, Edit, Replace token (Reconnect for an OAuth credential) and Delete for one
 * credential. Someone it is shared with only gets Verify now (the server refuses the rest for them
 * anyway).
 */
export function CredentialActions({ credential, uses, initialOutcome }: Props) {
  const canManage = credential.access !== "shared";
  const [openDialog, setOpenDialog] = useState<OpenDialog>();
  // A refusal refreshes too: a failed verification records the credential's health.
  const { pending, run } = useAction({ refresh: "always" });
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>(initialOutcome);
  const [leaving, setLeaving] = useState(false);
  // The button that opened the current dialog, where focus goes back when it closes.
  const [opener, setOpener] = useState<HTMLElement | null>(null);

  async function verifyNow() {
    setOutcome(undefined);
    const result = await run(() => verifyCredentialAction({ id: credential.id }));
    setOutcome(result.ok ? { ok: true, text: "ClickUp confirmed the token." } : { ok: false, text: result.message });
  }

  // Reconnect leaves for ClickUp's authorise page; ClickUp sends the person back to this page.
  async function reconnect() {
    setOutcome(undefined);
    setLeaving(true);
    const result = await run(() => startOAuthReconnectAction({ id: credential.id }));
    if (!result.ok) {
      setLeaving(false);
      return setOutcome({ ok: false, text: result.message });
    }
    window.location.assign(result.data.authorizeUrl);
  }

  const open = (dialog: OpenDialog) => (event: React.MouseEvent<HTMLButtonElement>) => {
    setOpener(event.currentTarget);
    setOutcome(undefined);
    setOpenDialog(dialog);
  };
  const dialogProps = (dialog: Exclude<OpenDialog, undefined>) => ({
    credential,
    open: openDialog === dialog,
    onOpenChange: (next: boolean) => setOpenDialog(next ? dialog : undefined),
    returnFocusTo: () => opener,
    onDone: (success: string) => {
      setOpenDialog(undefined);
      setOutcome({ ok: true, text: success });
    },
  });

  return (
    <section aria-label="Manage credential" className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <Button variant="secondary" onClick={verifyNow} disabled={pending}>
          {pending && !openDialog && !leaving ? "Verifying…" : "Verify now"}
        </Button>
        {canManage && (
          <>
            <Button variant="secondary" onClick={open("edit")}>
              Edit
            </Button>
            {credential.authMethod === "oauth" ? (
              <Button variant="secondary" onClick={reconnect} disabled={pending || leaving}>
                {leaving ? "Opening ClickUp…" : "Reconnect"}
              </Button>
            ) : (
              <Button variant="secondary" onClick={open("replace")}>
                Replace token
              </Button>
            )}
            <Button variant="danger" onClick={open("delete")}>
              Delete
            </Button>
          </>
        )}
      </div>
      <ActionOutcome outcome={outcome} boxed />

      <EditCredentialDialog {...dialogProps("edit")} />
      <ReplaceTokenDialog {...dialogProps("replace")} />
      <DeleteCredentialDialog uses={uses} {...dialogProps("delete")} />
    </section>
  );
}
