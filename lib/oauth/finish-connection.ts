import "server-only";

import type { SessionCaller } from "@/lib/auth/person";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import type { ConnectorFailure } from "@/lib/connectors/types.browser-safe";
import { describeAccount } from "@/lib/credentials/messages";
import { storeVerifiedCredential } from "@/lib/credentials/store-verified-credential";
import { limitTokenChecks } from "@/lib/credentials/token-check-limit";
import { isUniqueViolation } from "@/lib/db/errors";

import type { OAuthFailureReason } from "./messages";
import { oauthFailed, type OAuthOutcome, type VerifiedOAuthToken } from "./outcome";
import { reconnectWithOAuth } from "./reconnect";
import { oauthNameTaken } from "./start-connection";
import { consumeOAuthState, type PendingOAuthForm } from "./state-store";

/**
 * The second half of Connect to ClickUp and of Reconnect, run when ClickUp sends the person back
 * (app/oauth/clickup/callback): uses up the state, exchanges the code on the server, checks the
 * token with ClickUp, then stores a new credential or replaces the reconnected one's token — or
 * stores nothing and says why.
 */

export interface OAuthCallbackParams {
  state?: string | null;
  code?: string | null;
  error?: string | null;
}

/** The return to `connectorId`'s callback (app/oauth/[connector]/callback). */
export async function finishOAuthConnection(
  caller: SessionCaller,
  connectorId: string,
  params: OAuthCallbackParams,
): Promise<OAuthOutcome> {
  const connector = findConnectorServer(connectorId);
  const app = connector?.oauth?.app();
  if (!connector?.oauth || !app) return oauthFailed("not-configured");
  if (!params.state) return oauthFailed("unknown-state");
  // The state is used up first, whatever else the redirect says: it never finishes a second flow.
  const consumed = await consumeOAuthState({ personId: caller.person.id, sessionId: caller.sessionId }, params.state);
  if (!consumed.ok) {
    if (consumed.reason === "expired") return oauthFailed("expired-state", consumed.form);
    return oauthFailed(consumed.reason === "foreign" ? "foreign-state" : "unknown-state");
  }
  const { form } = consumed;
  if (params.error) return oauthFailed("denied", form);
  if (!params.code || params.code.length > 1000) return oauthFailed("missing-code", form);
  // A state is for the connector it was made for: another connector's callback cannot finish it.
  if (form.connector !== connector.definition.id) return oauthFailed("unknown-state", form);

  if (await limitTokenChecks(caller)) return oauthFailed("too-many-checks", form);
  const exchanged = await connector.oauth.exchangeCode(app, params.code);
  if (!exchanged.ok)
    return oauthFailed(exchanged.noToken ? "no-token" : exchangeFailureReason(exchanged.failure), form);
  const { accessToken } = exchanged;
  const verified = await connector.verifyToken(accessToken, "oauth");
  if (!verified.ok) {
    const kind = verified.failure.kind;
    return oauthFailed(kind === "rejected" ? "token-rejected" : kind, form);
  }
  const token = { accessToken, account: verified.account };
  if (form.credentialId) return reconnectWithOAuth(caller, form, form.credentialId, token);
  return createOAuthCredential(caller, form, token);
}

async function createOAuthCredential(
  caller: SessionCaller,
  form: PendingOAuthForm,
  { accessToken, account }: VerifiedOAuthToken,
): Promise<OAuthOutcome> {
  // Checked again: a credential of that name may have been saved while the person was at ClickUp.
  if (await oauthNameTaken(caller, form.connector, form.name)) return oauthFailed("name-taken", form);
  const displayName = findConnectorServer(form.connector)?.definition.displayName ?? form.connector;
  try {
    const credential = await storeVerifiedCredential(
      caller,
      {
        connector: form.connector,
        name: form.name,
        description: form.description,
        authMethod: "oauth",
        token: accessToken,
        account,
      },
      `Connected with OAuth and verified with ${displayName}: belongs to ${describeAccount(account)}. Token ending …${accessToken.slice(-4)}.`,
    );
    return { returnPath: form.returnPath, form, result: { ok: true, credential, reconnected: false } };
  } catch (error) {
    if (isUniqueViolation(error)) return oauthFailed("name-taken", form);
    throw error;
  }
}

function exchangeFailureReason(failure: ConnectorFailure): OAuthFailureReason {
  if (failure.kind === "rejected") return "code-rejected";
  return failure.kind;
}
