"use server";

import type { ActionResult } from "@/lib/action-result.browser-safe";
import { asSignedIn } from "@/lib/auth/run-action";
import { CREDENTIAL_MESSAGES } from "@/lib/credentials/messages";

import { startOAuthConnection } from "./start-connection";
import { startOAuthReconnect } from "./start-reconnect";

/**
 * The two ways to leave for ClickUp's authorise page: "Connect to ClickUp" in the Add New
 * Credential overlay, and "Reconnect" on an OAuth credential's page. Each remembers what to do
 * under a new state (bound to the caller's session) and answers the URL the browser then opens.
 */
type StartResult<Fields extends string = never> = ActionResult<{ authorizeUrl: string }, Fields>;

export async function startOAuthConnectionAction(input: unknown): Promise<StartResult<"name" | "description">> {
  return asSignedIn(
    "credentials",
    "starting OAuth",
    (caller) => startOAuthConnection(caller, input),
    CREDENTIAL_MESSAGES.saveFailed,
  );
}

export async function startOAuthReconnectAction(input: unknown): Promise<StartResult> {
  return asSignedIn(
    "credentials",
    "starting an OAuth reconnect",
    (caller) => startOAuthReconnect(caller, input),
    CREDENTIAL_MESSAGES.saveFailed,
  );
}
