"use client";

import { useState } from "react";

import { ActionOutcome } from "@/components/ui/action-outcome";
import { Button } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/components/ui/use-action";
import { editCredentialAction, verifyCredentialAction } from "@/lib/credentials/actions";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CredentialUse } from "@/lib/credentials/results";
import { startOAuthReconnectAction } from "@/lib/oauth/actions";

import { CredentialForm } from "./credential-form";
import { DeleteCredentialDialog } from "./delete-credential-dialog";
import { ReplaceTokenForm } from "./replace-token-form";
import type { RunDialogAction } from "./run-dialog-action";

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
  const { pending, run: call } = useAction({ refresh: "always" });
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | undefined>(initialOutcome);
  const [leaving, setLeaving] = useState(false);
  // The button that opened the current dialog, where focus goes back when it closes.
  const [opener, setOpener] = useState<HTMLElement | null>(null);

  const run: RunDialogAction = async (action, success) => {
    setOutcome(undefined);
    const result = await call(action);
    if (result.ok) {
      setOpenDialog(undefined);
      setOutcome({ ok: true, text: success });
    }
    return result;
  };

  async function verifyNow() {
    const result = await run(() => verifyCredentialAction({ id: credential.id }), "ClickUp confirmed the token.");
    if (!result.ok) setOutcome({ ok: false, text: result.message });
  }

  // Reconnect leaves for ClickUp's authorise page; ClickUp sends the person back to this page.
  async function reconnect() {
    setOutcome(undefined);
    setLeaving(true);
    const result = await call(() => startOAuthReconnectAction({ id: credential.id }));
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
    open: openDialog === dialog,
    onOpenChange: (next: boolean) => setOpenDialog(next ? dialog : undefined),
    pending,
    returnFocusTo: () => opener,
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

      <ModalDialog title="Edit Credential" {...dialogProps("edit")}>
        <CredentialForm
          mode="edit"
          connectorId={credential.connector}
          defaultValues={{ name: credential.name, description: credential.description }}
          pending={pending}
          onSubmit={(values) =>
            run(
              () =>
                editCredentialAction({
                  id: credential.id,
                  version: credential.version,
                  name: values.name,
                  description: values.description,
                }),
              "Changes saved.",
            )
          }
        />
      </ModalDialog>

      <ModalDialog title="Replace Token" {...dialogProps("replace")}>
        <ReplaceTokenForm credential={credential} pending={pending} run={run} />
      </ModalDialog>

      <DeleteCredentialDialog credential={credential} uses={uses} run={run} {...dialogProps("delete")} />
    </section>
  );
}
