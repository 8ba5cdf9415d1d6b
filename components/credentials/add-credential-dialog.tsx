"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/components/ui/use-action";
import { createCredentialAction } from "@/lib/credentials/actions";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CredentialFormValues } from "@/lib/credentials/schemas.browser-safe";

import { CredentialForm } from "./credential-form";

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  connectorId: string;
  /** Where keyboard focus goes when the overlay closes (the tile that opened it, or a new tile). */
  returnFocusTo: () => HTMLElement | null | undefined;
  onCreated: (credential: PublicCredential) => void;
}

/** The "Add New Credential" overlay: owns open/close and the pending state; the form owns the fields. */
export function AddCredentialDialog({ open, onOpenChange, connectorId, returnFocusTo, onCreated }: Props) {
  // The new tile shows at once (onCreated); the refresh brings the server's list up to date.
  const { pending, run } = useAction({ refresh: "on-success" });

  async function submit(values: CredentialFormValues) {
    const result = await run(() => createCredentialAction(connectorId, values));
    if (result.ok) {
      onCreated(result.data);
      onOpenChange(false);
    }
    return result;
  }

  return (
    <ModalDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add New Credential"
      pending={pending}
      returnFocusTo={returnFocusTo}
    >
      <CredentialForm mode="create" connectorId={connectorId} pending={pending} onSubmit={submit} />
    </ModalDialog>
  );
}
