import type { ConnectorAccount } from "@/lib/connectors/types.browser-safe";
import type { PublicCredential } from "@/lib/credentials/public-credential";

import { oauthFailureMessage, type OAuthFailureReason } from "./messages";
import type { PendingOAuthForm } from "./state-store";

/** How a return from ClickUp ended: what the callback turns into a redirect. */
export interface OAuthOutcome {
  /** Where to return: the Authenticate screen, the reconnected credential's page, or a fallback list. */
  returnPath: string;
  /** The form as the person left it, when known: it is shown again after a failure. */
  form?: PendingOAuthForm;
  result:
    | { ok: true; credential: PublicCredential; reconnected: boolean }
    | { ok: false; reason: OAuthFailureReason; message: string };
}

/** A token ClickUp has just issued and confirmed, with the account it belongs to. */
export interface VerifiedOAuthToken {
  accessToken: string;
  account: ConnectorAccount;
}

const FALLBACK_RETURN_PATH = "/credentials";

export function oauthFailed(reason: OAuthFailureReason, form?: PendingOAuthForm): OAuthOutcome {
  return {
    returnPath: form?.returnPath ?? FALLBACK_RETURN_PATH,
    ...(form ? { form } : {}),
    result: { ok: false, reason, message: oauthFailureMessage(reason, form?.name)! },
  };
}
