import "server-only";

import { apiKeyMayProxy } from "@/lib/api-keys/may-proxy";
import type { Caller } from "@/lib/auth/person";
import { clickUpDefinition } from "@/lib/connectors/clickup/definition.browser-safe";
import type { AuthMethod } from "@/lib/connectors/types.browser-safe";
import { readCredentialSecretForProxy } from "@/lib/credentials/secret";
import { getDb } from "@/lib/db/client";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";

/** What a ClickUp proxy route names: a credential, or a source or destination (through its credential). */
export interface ProxyThrough {
  kind: "credential" | "source" | "destination";
  id: string;
}

export type ProxyTarget =
  | {
      ok: true;
      credentialId: string;
      endpointId?: string;
      token: string;
      authMethod: AuthMethod;
      callsPerMinute: number;
    }
  | { ok: false; reason: "not-found" | "credential-unusable" };

/**
 * Step 2 of a ClickUp proxy call: the credential the caller may call ClickUp with, and its token.
 * Needs the person's *use* through the proxy (their own, or shared with proxy use left on), never
 * the admin's sight; a source or destination must be the person's own. Then the API key must be
 * allowed this target (apiKeyMayProxy: a key restricted to a source proxies through that source's
 * route only). Everything is read again on every call; any refusal is "not found".
 */
export async function findProxyTarget(caller: Caller, through: ProxyThrough): Promise<ProxyTarget> {
  if (!ID_PATTERN.test(through.id)) return { ok: false, reason: "not-found" };
  let credentialId = through.id;
  let endpointId: string | undefined;
  if (through.kind !== "credential") {
    const endpoint = await getDb().endpoint.findFirst({
      where: { id: through.id, kind: through.kind, ownerId: caller.person.id },
      select: { credentialId: true },
    });
    if (!endpoint) return { ok: false, reason: "not-found" };
    credentialId = endpoint.credentialId;
    endpointId = through.id;
  }
  if (!apiKeyMayProxy(caller, { credentialId, ...(endpointId ? { endpointId } : {}) }))
    return { ok: false, reason: "not-found" };
  const secret = await readCredentialSecretForProxy(caller.person, credentialId, clickUpDefinition.id);
  if (!secret.ok) return { ok: false, reason: secret.reason === "unreadable" ? "credential-unusable" : "not-found" };
  return {
    ok: true,
    credentialId,
    ...(endpointId ? { endpointId } : {}),
    token: secret.token,
    authMethod: secret.authMethod,
    callsPerMinute: secret.callsPerMinute,
  };
}
