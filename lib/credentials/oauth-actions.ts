"use server";

import type { ActionResult } from "@/lib/action-result.browser-safe";
import { logBug } from "@/lib/auth/run-action";
import { getSignedInSession, SIGNED_OUT_RESULT } from "@/lib/auth/session";
import { currentClientKey } from "@/lib/security/client-key";

import { CREDENTIAL_MESSAGES } from "./messages";
import { startOAuthConnection, type OAuthCaller } from "./start-oauth-connection";
import { startOAuthReconnect } from "./start-oauth-reconnect";

/**
 * The two ways to leave for ClickUp's authorise page: "Connect to ClickUp" in the Add New
 * Credential overlay, and "Reconnect" on an OAuth credential's page. Each remembers what to do
 * under a new state and answers the URL the browser then opens. They need the session id, which
 * asSignedIn does not give, so they check the session themselves.
 */
type StartResult<Fields extends string = never> = ActionResult<{ authorizeUrl: string }, Fields>;

export async function startOAuthConnectionAction(
  input: unknown,
): Promise<StartResult<"name" | "description"> | typeof SIGNED_OUT_RESULT> {
  return asOAuthCaller("starting OAuth", (caller) => startOAuthConnection(caller, input));
}

export async function startOAuthReconnectAction(input: unknown): Promise<StartResult | typeof SIGNED_OUT_RESULT> {
  return asOAuthCaller("starting an OAuth reconnect", (caller) => startOAuthReconnect(caller, input));
}

async function asOAuthCaller<Result>(
  what: string,
  start: (caller: OAuthCaller) => Promise<Result>,
): Promise<Result | typeof SIGNED_OUT_RESULT | { ok: false; message: string }> {
  try {
    const signedIn = await getSignedInSession();
    if (!signedIn) return SIGNED_OUT_RESULT;
    return await start({ ...signedIn, clientKey: await currentClientKey() });
  } catch (error) {
    logBug("credentials", what, error);
    return { ok: false, message: CREDENTIAL_MESSAGES.saveFailed };
  }
}
