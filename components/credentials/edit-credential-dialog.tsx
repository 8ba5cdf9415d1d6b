"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/components/ui/use-action";
import { editCredentialAction } from "@/lib/credentials/actions";

import type { CredentialDialogProps } from "./credential-dialog-props";
import { CredentialForm } from "./credential-form";

/** Edit a credential's name, description and calls per minute (the token is Replace token's). */
export function EditCredentialDialog({ credential, onDone, ...dialog }: CredentialDialogProps) {
  const { pending, run } = useAction({ refresh: "always" });
  return (
    <ModalDialog title="Edit Credential" pending={pending} {...dialog}>
      <CredentialForm
        mode="edit"
        connectorId={credential.connector}
        defaultValues={{
          name: credential.name,
          description: credential.description,
          callsPerMinute: credential.callsPerMinute,
        }}
        pending={pending}
        onSubmit={async (values) => {
          const { id, version } = credential;
          const { name, description, callsPerMinute } = values;
          const result = await run(() => editCredentialAction({ id, version, name, description, callsPerMinute }));
          if (result.ok) onDone("Changes saved.");
          return result;
        }}
      />
    </ModalDialog>
  );
}
