import "server-only";

import type { ActionResult } from "@/lib/action-result.browser-safe";
import type { SessionCaller } from "@/lib/auth/person";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { toAuthMethod } from "@/lib/connectors/types.browser-safe";
import { findCredentialFor } from "@/lib/credentials/find-credential-for";
import { CREDENTIAL_MESSAGES } from "@/lib/credentials/messages";
import { credentialRefSchema } from "@/lib/credentials/schemas.browser-safe";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { OAUTH_MESSAGES } from "./messages";
import { authorizeUrlFor } from "./start-connection";

/**
 * "Reconnect" on an OAuth credential's page: what Replace token is for a personal token. The
 * person authorises again at ClickUp (e.g. after revoking the app, or to add Workspaces); the new
 * access token replaces the old when they come back, only if it is the same ClickUp account.
 */
export async function startOAuthReconnect(
  caller: SessionCaller,
  input: unknown,
): Promise<ActionResult<{ authorizeUrl: string }>> {
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
  const oauth = findConnectorServer(row.connector)?.oauth;
  if (toAuthMethod(row.authMethod) !== "oauth" || !oauth) return fail("refused", OAUTH_MESSAGES.notOAuth);
  const app = oauth.app();
  if (!app) return fail("not-configured", OAUTH_MESSAGES.notConfigured);
  const authorizeUrl = await authorizeUrlFor(oauth, app, caller, {
    connector: row.connector,
    kind: "source",
    returnPath: `/credentials/${row.id}`,
    name: row.name,
    description: "",
    credentialId: row.id,
  });
  return { ok: true, data: { authorizeUrl } };
}
