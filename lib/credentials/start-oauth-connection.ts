import "server-only";

import { INPUT_NOT_UNDERSTOOD, invalidInput, type ActionResult } from "@/lib/action-result.browser-safe";
import type { Caller, SessionCaller } from "@/lib/auth/person";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getClickUpOAuthConfig, type ClickUpOAuthConfig } from "@/lib/config/env";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { getDb } from "@/lib/db/client";
import { fail, invalid } from "@/lib/failure-reasons.browser-safe";
import { createOAuthState, type PendingOAuthForm } from "@/lib/oauth/state-store";
import { z } from "@/lib/zod";

import { duplicateCredentialNameMessage } from "./messages";
import { OAUTH_MESSAGES } from "./oauth-messages";
import { credentialDetailsSchema, credentialNameKey } from "./schemas.browser-safe";

/**
 * "Connect to ClickUp" in Add New Credential (issue #16): checks the form, remembers it under a
 * new state and answers ClickUp's authorise URL. The credential is made when ClickUp sends the
 * person back (finish-oauth-connection.ts).
 */

const startSchema = z.object({
  connector: z.string(),
  kind: z.enum(["source", "destination"]),
  returnPath: z.string(),
  ...credentialDetailsSchema.shape,
});

export async function startOAuthConnection(
  caller: SessionCaller,
  input: unknown,
): Promise<ActionResult<{ authorizeUrl: string }, "name" | "description">> {
  const config = getClickUpOAuthConfig();
  if (!config) return fail("not-configured", OAUTH_MESSAGES.notConfigured);
  const parsed = startSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "description"] as const);
  const connector = findConnectorServer(parsed.data.connector);
  // Only ClickUp has an OAuth app so far.
  if (!connector || connector.definition.id !== "clickup") return fail("malformed", INPUT_NOT_UNDERSTOOD);
  const returnPath = safeReturnPath(parsed.data.returnPath);
  if (!returnPath) return fail("malformed", INPUT_NOT_UNDERSTOOD);
  const { name, description, kind } = parsed.data;
  const clash = await oauthNameTaken(caller, connector.definition.id, name);
  if (clash) return invalid(clash, { name: clash });
  const authorizeUrl = await authorizeUrlFor(config, caller, {
    connector: connector.definition.id,
    kind,
    returnPath,
    name,
    description,
  });
  return { ok: true, data: { authorizeUrl } };
}

/** Stores a state for `form` and builds the authorise URL that carries it. */
export async function authorizeUrlFor(
  config: ClickUpOAuthConfig,
  caller: SessionCaller,
  form: PendingOAuthForm,
): Promise<string> {
  const state = await createOAuthState({ personId: caller.person.id, sessionId: caller.sessionId }, form);
  const url = new URL(config.authorizeUrl);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", config.redirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}

/** The message when the person already has a credential of this name for the connector. */
export async function oauthNameTaken(caller: Caller, connectorId: string, name: string): Promise<string | undefined> {
  const taken = await getDb().credential.findFirst({
    where: { ownerId: caller.person.id, connector: connectorId, nameKey: credentialNameKey(name) },
    select: { id: true },
  });
  if (!taken) return undefined;
  return duplicateCredentialNameMessage(name, findConnectorServer(connectorId)?.definition.displayName ?? connectorId);
}
