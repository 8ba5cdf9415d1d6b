"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { flashNotice } from "@/components/ui/flash-notice";
import { useAction } from "@/components/ui/use-action";
import { deleteCredentialAction } from "@/lib/credentials/actions";
import type { CredentialUse } from "@/lib/credentials/results";

import type { CredentialDialogProps } from "./credential-dialog-props";
import { CredentialUseList } from "./credential-use-list";

interface Props extends Omit<CredentialDialogProps, "onDone"> {
  uses: CredentialUse[];
}

/** The Delete confirmation: names what uses the credential, and refuses while anything does. */
export function DeleteCredentialDialog({ open, onOpenChange, returnFocusTo, credential, uses }: Props) {
  const router = useRouter();
  // A refusal refreshes too: the page then shows what uses the credential now.
  const { pending, run } = useAction({ refresh: "always" });
  // What uses it, as the last refusal said: it was put in use since this page was loaded.
  const [usesNow, setUsesNow] = useState<CredentialUse[]>();
  const [problem, setProblem] = useState<string>();
  const shownUses = usesNow ?? uses;

  // Each opening starts afresh, from what the page says now.
  function openChange(next: boolean) {
    if (!next) {
      setUsesNow(undefined);
      setProblem(undefined);
    }
    onOpenChange(next);
  }

  async function confirmDelete() {
    const result = await run(() => deleteCredentialAction({ id: credential.id }));
    if (result.ok) {
      flashNotice(`Deleted “${result.data.name}”.`);
      return router.push("/credentials");
    }
    if (result.reason === "in-use") setUsesNow(result.usedBy);
    setProblem(result.message);
  }

  return (
    <ConfirmDialog
      title="Delete Credential"
      open={open}
      onOpenChange={openChange}
      pending={pending}
      returnFocusTo={returnFocusTo}
      confirm={
        shownUses.length === 0 ? { label: "Delete", pendingLabel: "Deleting…", onConfirm: confirmDelete } : undefined
      }
      problem={problem}
    >
      {shownUses.length > 0 ? (
        <>
          <p>
            <strong>&ldquo;{credential.name}&rdquo;</strong> cannot be deleted: it is used by {shownUses.length}{" "}
            {shownUses.length === 1 ? "source or destination" : "sources and destinations"}. Delete them or switch them
            to another credential first.
          </p>
          <CredentialUseList uses={shownUses} />
        </>
      ) : (
        <p>
          Delete <strong>&ldquo;{credential.name}&rdquo;</strong>? No source or destination uses it. Its encrypted token
          is erased; this cannot be undone.
        </p>
      )}
    </ConfirmDialog>
  );
}
