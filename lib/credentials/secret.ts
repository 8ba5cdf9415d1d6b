import "server-only";

import { credentialFilter, credentialProxyFilter, type CredentialScope } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { toAuthMethod, type AuthMethod, type ConnectorAccount } from "@/lib/connectors/types.browser-safe";
import { openSecret, sealSecret, SecretUnreadableError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";

/** Context bound into the ciphertext, so a sealed token only opens on its own row. */
export function credentialSecretContext(credentialId: string): string {
  return `credential:${credentialId}`;
}

/**
 * The columns a token the connector just confirmed sets, on create and on replace: sealed under the
 * active encryption key and bound to its row, its last four characters, and whose it is.
 */
export function verifiedTokenColumns(credentialId: string, token: string, account: ConnectorAccount, now: Date) {
  const sealed = sealSecret(getCredentialKeyRing(), token, credentialSecretContext(credentialId));
  return {
    secretCiphertext: sealed.ciphertext,
    secretKeyId: sealed.keyId,
    secretLast4: token.slice(-4),
    accountId: account.id,
    accountName: account.name,
    accountEmail: account.email,
    lastVerifiedAt: now,
    lastCheckedAt: now,
  };
}

export type CredentialSecret =
  | {
      ok: true;
      token: string;
      authMethod: AuthMethod;
      name: string;
      version: number;
      /** The token's rate budget (lib/clickup-budget/): every call made with it spends from it. */
      callsPerMinute: number;
    }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "unreadable"; name: string; version: number };

/**
 * Decrypts a credential's token for a server-side call to its connector. The only place that opens
 * a stored secret; the result must go straight to the connector's API and nowhere else.
 */
export async function readCredentialSecret(
  person: Person,
  credentialId: string,
  /** What the token is opened for (lib/auth/access.ts): "see" for Verify now, "use" to call the connector with it. */
  scope: Extract<CredentialScope, "see" | "use">,
  connector?: string,
): Promise<CredentialSecret> {
  const row = await getDb().credential.findFirst({
    where: { AND: [{ id: credentialId, ...(connector ? { connector } : {}) }, credentialFilter(person, scope)] },
    select: SECRET_COLUMNS,
  });
  if (!row) return { ok: false, reason: "not-found" };
  return openCredentialSecret(row);
}

/**
 * The ClickUp proxy's read (lib/clickup-proxy/): the token of a credential of `connector` the
 * person may call through the proxy (credentialProxyFilter), with its calls-per-minute budget.
 * Read on every call, so a share removed or turned off stops the next call. Like
 * `readCredentialSecret`, the token goes straight to the connector and nowhere else.
 */
export async function readCredentialSecretForProxy(
  person: Person,
  credentialId: string,
  connector: string,
): Promise<(CredentialSecret & { callsPerMinute: number }) | { ok: false; reason: "not-found" }> {
  const row = await getDb().credential.findFirst({
    where: { AND: [{ id: credentialId, connector }, credentialProxyFilter(person)] },
    select: { ...SECRET_COLUMNS, callsPerMinute: true },
  });
  if (!row) return { ok: false, reason: "not-found" };
  return { ...openCredentialSecret(row), callsPerMinute: row.callsPerMinute };
}

/**
 * The watch's read (lib/credential-watch/): the app itself checking a credential on its schedule,
 * for no person, so with no access filter. Like `readCredentialSecret`, the token goes straight to
 * the connector and nowhere else.
 */
export async function readCredentialSecretForCheck(
  credentialId: string,
): Promise<(CredentialSecret & { connector?: string; accountId?: string }) | { ok: false; reason: "not-found" }> {
  const row = await getDb().credential.findUnique({
    where: { id: credentialId },
    select: { ...SECRET_COLUMNS, connector: true, accountId: true },
  });
  if (!row) return { ok: false, reason: "not-found" };
  return { ...openCredentialSecret(row), connector: row.connector, accountId: row.accountId };
}

const SECRET_COLUMNS = {
  id: true,
  name: true,
  version: true,
  secretCiphertext: true,
  secretKeyId: true,
  authMethod: true,
  callsPerMinute: true,
} as const;

function openCredentialSecret(row: {
  id: string;
  name: string;
  version: number;
  secretCiphertext: string;
  secretKeyId: string;
  authMethod: string;
  callsPerMinute: number;
}): CredentialSecret {
  try {
    const token = openSecret(
      getCredentialKeyRing(),
      { keyId: row.secretKeyId, ciphertext: row.secretCiphertext },
      credentialSecretContext(row.id),
    );
    return {
      ok: true,
      token,
      authMethod: toAuthMethod(row.authMethod),
      name: row.name,
      version: row.version,
      callsPerMinute: row.callsPerMinute,
    };
  } catch (error) {
    if (error instanceof SecretUnreadableError) {
      console.warn(`[credentials] credential ${row.id} cannot be decrypted: ${error.reason}`);
      return { ok: false, reason: "unreadable", name: row.name, version: row.version };
    }
    throw error;
  }
}
