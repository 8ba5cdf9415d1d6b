import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CredentialUse } from "@/lib/credentials/results";

import { CredentialUseList } from "./credential-use-list";
import { KeepNewAccountButton } from "./keep-new-account-button";

/** The one action that fixes each state needing attention, named as its button is. */
function fix(credential: PublicCredential): string {
  const oauth = credential.authMethod === "oauth";
  if (credential.state === "account_changed")
    return oauth
      ? "Reconnect with the original ClickUp account, or keep the new account."
      : "Replace token with one of the original ClickUp account, or keep the new account.";
  return oauth ? "Reconnect to give it a token ClickUp accepts." : "Replace token with one ClickUp accepts.";
}

/**
 * On a credential's page, when it needs attention: what it breaks (the sources and destinations
 * using it) and the one action that fixes it. Nothing for a working or unknown credential.
 */
export function CredentialTroublePanel({ credential, uses }: { credential: PublicCredential; uses: CredentialUse[] }) {
  if (credential.state === "ok" || credential.state === "unknown") return null;
  return (
    <section
      aria-labelledby="credential-trouble"
      className="space-y-2 rounded-md border border-amber-400 bg-amber-50 p-4 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <h2 id="credential-trouble" className="font-semibold">
        Affected sources and destinations
      </h2>
      {uses.length === 0 && <p>None: no source or destination uses this credential.</p>}
      {uses.length > 0 && <CredentialUseList uses={uses} />}
      <p>To fix it: {fix(credential)}</p>
      {/* Only the owner may settle it; someone it is shared with is told what the owner can do. */}
      {credential.state === "account_changed" && credential.access !== "shared" && (
        <KeepNewAccountButton credential={credential} />
      )}
    </section>
  );
}
