import "server-only";

import { INPUT_NOT_UNDERSTOOD, invalidInput, type ActionResult } from "@/lib/action-result.browser-safe";
import type { Caller, SessionCaller } from "@/lib/auth/person";
import { safeReturnPath } from "@/lib/auth/return-path";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import type { ConnectorOAuth, OAuthApp } from "@/lib/connectors/types.browser-safe";
import { duplicateCredentialNameMessage } from "@/lib/credentials/messages";
import { credentialDetailsSchema, credentialNameKey } from "@/lib/credentials/schemas.browser-safe";
import { getDb } from "@/lib/db/client";
import { fail, invalid } from "@/lib/failure-reasons.browser-safe";
import { z } from "@/lib/zod";

import { OAUTH_MESSAGES } from "./messages";
import { createOAuthState, type PendingOAuthForm } from "./state-store";

/**
 * "Connect to ClickUp" in Add New Credential (issue #16): checks the form, remembers it under a
 * new state and answers ClickUp's authorise URL. The credential is made when ClickUp sends the
 * person back (finish-connection.ts).
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
  const parsed = startSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "description"] as const);
  const connector = findConnectorServer(parsed.data.connector);
  if (!connector) return fail("malformed", INPUT_NOT_UNDERSTOOD);
  // A connector without OAuth, or an installation without the connector's OAuth app.
  const app = connector.oauth?.app();
  if (!connector.oauth || !app) return fail("not-configured", OAUTH_MESSAGES.notConfigured);
  const returnPath = safeReturnPath(parsed.data.returnPath);
  if (!returnPath) return fail("malformed", INPUT_NOT_UNDERSTOOD);
  const { name, description, kind } = parsed.data;
  const clash = await oauthNameTaken(caller, connector.definition.id, name);
  if (clash) return invalid(clash, { name: clash });
  const authorizeUrl = await authorizeUrlFor(connector.oauth, app, caller, {
    connector: connector.definition.id,
    kind,
    returnPath,
    name,
    description,
  });
  return { ok: true, data: { authorizeUrl } };
}

/** Stores a state for `form` and builds the connector's authorise URL that carries it. */
export async function authorizeUrlFor(
  oauth: ConnectorOAuth,
  app: OAuthApp,
  caller: SessionCaller,
  form: PendingOAuthForm,
): Promise<string> {
  const state = await createOAuthState({ personId: caller.person.id, sessionId: caller.sessionId }, form);
  return oauth.authorizeUrl(app, state);
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
