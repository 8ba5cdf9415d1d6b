"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { deleteCredentialAction } from "@/lib/credentials/actions";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CredentialUse } from "@/lib/credentials/results";

import { CredentialUseList } from "./credential-use-list";
import type { RunDialogAction } from "./run-dialog-action";

interface Props {
  credential: PublicCredential;
  uses: CredentialUse[];
  pending: boolean;
  run: RunDialogAction;
  onCancel: () => void;
}

/** The Delete confirmation: names what uses the credential, and refuses while anything does. */
export function DeleteCredentialPanel({ credential, uses: initialUses, pending, run, onCancel }: Props) {
  const router = useRouter();
  const [uses, setUses] = useState(initialUses);
  const [problem, setProblem] = useState<string>();

  async function confirmDelete() {
    const result = await run(() => deleteCredentialAction({ id: credential.id }), "");
    if (result.ok) return router.push(`/credentials?deleted=${encodeURIComponent(result.data.name)}`);
    // Put in use since this page was loaded: show what uses it now.
    if (result.reason === "in-use") setUses(result.usedBy);
    setProblem(result.message);
  }

  return (
    <div className="space-y-4 px-6 py-5">
      {uses.length > 0 ? (
        <>
          <p>
            <strong>&ldquo;{credential.name}&rdquo;</strong> cannot be deleted: it is used by {uses.length}{" "}
            {uses.length === 1 ? "source or destination" : "sources and destinations"}. Delete them or switch them to
            another credential first.
          </p>
          <CredentialUseList uses={uses} />
        </>
      ) : (
        <p>
          Delete <strong>&ldquo;{credential.name}&rdquo;</strong>? No source or destination uses it. Its encrypted token
          is erased; this cannot be undone.
        </p>
      )}
      {problem && (
        <FormAlert>
          <p>{problem}</p>
        </FormAlert>
      )}
      <div className="flex justify-end gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
        <Button variant="secondary" onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
        {uses.length === 0 && (
          <Button variant="danger" onClick={confirmDelete} disabled={pending}>
            {pending ? "Deleting…" : "Delete"}
          </Button>
        )}
      </div>
    </div>
  );
}
