"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/components/ui/use-action";
import { editCredentialAction } from "@/lib/credentials/actions";

import type { CredentialDialogProps } from "./credential-dialog-props";
import { CredentialForm } from "./credential-form";

/** Edit a credential's name and description (the token is Replace token's). */
export function EditCredentialDialog({ credential, onDone, ...dialog }: CredentialDialogProps) {
  const { pending, run } = useAction({ refresh: "always" });
  return (
    <ModalDialog title="Edit Credential" pending={pending} {...dialog}>
      <CredentialForm
        mode="edit"
        connectorId={credential.connector}
        defaultValues={{ name: credential.name, description: credential.description }}
        pending={pending}
        onSubmit={async (values) => {
          const { id, version } = credential;
          const { name, description } = values;
          const result = await run(() => editCredentialAction({ id, version, name, description }));
          if (result.ok) onDone("Changes saved.");
          return result;
        }}
      />
    </ModalDialog>
  );
}
