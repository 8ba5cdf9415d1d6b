"use client";

import { useState } from "react";

import { SAVE_CREDENTIAL_REQUEST_FAILED_MESSAGE } from "@/components/ui/messages";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/components/ui/use-action";
import { createCredentialAction } from "@/lib/credentials/actions";
import { newIdempotencyKey } from "@/lib/credentials/idempotency-key.browser-safe";
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
  const { pending, run } = useAction({ refresh: "on-success", failureMessage: SAVE_CREDENTIAL_REQUEST_FAILED_MESSAGE });

  async function submit(values: CredentialFormValues, idempotencyKey: string) {
    const result = await run(() => createCredentialAction(connectorId, { ...values, idempotencyKey }));
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
      <AddCredentialForm connectorId={connectorId} pending={pending} onSubmit={submit} />
    </ModalDialog>
  );
}

/**
 * The form inside the overlay. It mounts each time the overlay opens (Radix unmounts closed
 * content), so its idempotency key is new per opening and kept by every Save in it: a retry after
 * a lost answer gets the credential that save stored. A successful save closes the overlay.
 */
function AddCredentialForm({
  connectorId,
  pending,
  onSubmit,
}: {
  connectorId: string;
  pending: boolean;
  onSubmit: (values: CredentialFormValues, idempotencyKey: string) => ReturnType<typeof createCredentialAction>;
}) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  return (
    <CredentialForm
      mode="create"
      connectorId={connectorId}
      pending={pending}
      onSubmit={(values) => onSubmit(values, idempotencyKey)}
    />
  );
}
