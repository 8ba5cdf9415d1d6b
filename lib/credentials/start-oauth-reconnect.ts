import "server-only";

import type { ActionResult } from "@/lib/action-result.browser-safe";
import type { SessionCaller } from "@/lib/auth/person";
import { getClickUpOAuthConfig } from "@/lib/config/env";
import { toAuthMethod } from "@/lib/connectors/types.browser-safe";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES } from "./messages";
import { OAUTH_MESSAGES } from "./oauth-messages";
import { credentialRefSchema } from "./schemas.browser-safe";
import { authorizeUrlFor } from "./start-oauth-connection";

/**
 * "Reconnect" on an OAuth credential's page: what Replace token is for a personal token. The
 * person authorises again at ClickUp (e.g. after revoking the app, or to add Workspaces); the new
 * access token replaces the old when they come back, only if it is the same ClickUp account.
 */
export async function startOAuthReconnect(
  caller: SessionCaller,
  input: unknown,
): Promise<ActionResult<{ authorizeUrl: string }>> {
  const config = getClickUpOAuthConfig();
  if (!config) return fail("not-configured", OAUTH_MESSAGES.notConfigured);
  const id = credentialRefSchema.safeParse(input).data?.id;
  if (!id) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  const found = await findCredentialFor(caller.person, id, "manage", {
    id: true,
    connector: true,
    name: true,
    authMethod: true,
  });
  if (!found.ok) return found;
  const { row } = found;
  if (toAuthMethod(row.authMethod) !== "oauth" || row.connector !== "clickup")
    return fail("refused", OAUTH_MESSAGES.notOAuth);
  const authorizeUrl = await authorizeUrlFor(config, caller, {
    connector: row.connector,
    kind: "source",
    returnPath: `/credentials/${row.id}`,
    name: row.name,
    description: "",
    credentialId: row.id,
  });
  return { ok: true, data: { authorizeUrl } };
}
