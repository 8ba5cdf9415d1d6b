"use client";

import { useState } from "react";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { createCredentialAction } from "@/lib/credentials/actions";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CreateCredentialResult } from "@/lib/credentials/results";
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

export const REQUEST_FAILED_MESSAGE =
  "The server could not be reached or refused the request. Nothing was saved; check your connection and try again.";

/** The "Add New Credential" overlay: owns open/close and the pending state; the form owns the fields. */
export function AddCredentialDialog({ open, onOpenChange, connectorId, returnFocusTo, onCreated }: Props) {
  const [pending, setPending] = useState(false);

  async function submit(values: CredentialFormValues): Promise<CreateCredentialResult> {
    setPending(true);
    try {
      const result = await createCredentialAction(connectorId, values);
      if (result.ok) {
        onCreated(result.data);
        onOpenChange(false);
      }
      return result;
    } catch {
      // The request itself failed (network gone, server refused an oversized body, server down).
      return { ok: false, message: REQUEST_FAILED_MESSAGE };
    } finally {
      setPending(false);
    }
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
