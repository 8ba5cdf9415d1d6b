"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "@/components/ui/button";
import { flashNotice } from "@/components/ui/flash-notice";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/components/ui/use-action";
import { leaveShareAction } from "@/lib/credentials/actions";
import type { CredentialUse } from "@/lib/credentials/results";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

import { CredentialUseList } from "./credential-use-list";

interface Props {
  credentialId: string;
  /** Its owner, as "Name (email)". */
  owner: string;
  sharedAt: string;
}

/** For someone a credential was shared with: who shared it, and "Remove from my credentials". */
export function LeaveSharePanel({ credentialId, owner, sharedAt }: Props) {
  const router = useRouter();
  // A refusal refreshes too: the page may be out of date (a source was created with it meanwhile).
  const { pending, run } = useAction({ refresh: "always" });
  const [problem, setProblem] = useState<{ message: string; usedBy?: CredentialUse[] }>();

  async function leave() {
    setProblem(undefined);
    const result = await run(() => leaveShareAction({ id: credentialId }));
    if (result.ok) {
      flashNotice(`Removed “${result.data.name}” from your credentials. It is no longer shared with you.`);
      return router.push("/credentials");
    }
    setProblem({ message: result.message, usedBy: result.reason === "in-use" ? result.usedBy : undefined });
  }

  return (
    <section aria-labelledby="shared-with-you" className="space-y-3">
      <h2 id="shared-with-you" className="text-lg font-semibold">
        Shared with you
      </h2>
      <p className="max-w-prose break-words text-slate-700 dark:text-slate-300">
        {owner} shared this credential with you on {formatUtcDateTime(sharedAt)}. You can pick it for your own sources
        and destinations; you never see its token and cannot change it. If you did not expect it or no longer need it,
        remove it: it leaves your credentials and your Authenticate screen, and only its owner can share it with you
        again.
      </p>
      <Button variant="secondary" onClick={leave} disabled={pending}>
        {pending ? "Removing…" : "Remove from my credentials"}
      </Button>
      {problem && (
        <FormAlert>
          <p>{problem.message}</p>
          {problem.usedBy && problem.usedBy.length > 0 && <CredentialUseList uses={problem.usedBy} />}
        </FormAlert>
      )}
    </section>
  );
}
