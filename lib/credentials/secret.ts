import "server-only";

import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { openSecret, SecretUnreadableError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Context bound into the ciphertext, so a sealed token only opens on its own row. */
export function credentialSecretContext(credentialId: string): string {
  return `credential:${credentialId}`;
}

export type CredentialSecret =
  | { ok: true; token: string; name: string; version: number }
  | { ok: false; reason: "not-found" }
  | { ok: false; reason: "unreadable"; name: string; version: number };

/**
 * Decrypts a credential's token for a server-side call to its connector. The only place that opens
 * a stored secret; the result must go straight to the connector's API and nowhere else.
 */
export async function readCredentialSecret(
  connector: string,
  credentialId: string,
  /** Who may have it opened, e.g. credentialsUsableBy(viewer) (lib/auth/access.ts). Required, so no caller forgets it. */
  allowed: Prisma.CredentialWhereInput,
): Promise<CredentialSecret> {
  const row = await getDb().credential.findFirst({
    where: { AND: [{ id: credentialId, connector }, allowed] },
    select: { id: true, name: true, version: true, secretCiphertext: true, secretKeyId: true },
  });
  if (!row) return { ok: false, reason: "not-found" };
  try {
    const token = openSecret(
      getCredentialKeyRing(),
      { keyId: row.secretKeyId, ciphertext: row.secretCiphertext },
      credentialSecretContext(row.id),
    );
    return { ok: true, token, name: row.name, version: row.version };
  } catch (error) {
    if (error instanceof SecretUnreadableError) {
      console.warn(`[credentials] credential ${row.id} cannot be decrypted: ${error.reason}`);
      return { ok: false, reason: "unreadable", name: row.name, version: row.version };
    }
    throw error;
  }
}
