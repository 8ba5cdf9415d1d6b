import "server-only";

import fs from "node:fs";

import { localKeyFilePath } from "@/lib/config/encryption-keys";
import { getEnv } from "@/lib/config/env";
import { credentialSecretContext } from "@/lib/credentials/secret";
import { parseKeyRing, type KeyRing } from "@/lib/crypto/key-ring";
import { openSecret, SecretUnreadableError } from "@/lib/crypto/secret-box";
import { webhookSecretContext } from "@/lib/webhooks/webhook-secret";

import { readCounts } from "./database-facts";
import type { BackupCounts, BackupManifest } from "./manifest";
import type { SqlReader } from "./sql-reader";

export interface RestoreCheck {
  ok: boolean;
  /** One line for the operator: counts, key ids, credential names; never a token. */
  text: string;
}

/**
 * What restore checks on the database it wrote: the same counts as the manifest, and every token
 * and every webhook signing secret opens with the encryption keys the app will use there
 * (CREDENTIAL_ENCRYPTION_KEYS when set, otherwise the key file beside the restored SQLite database).
 */
export async function checkRestoredDatabase(reader: SqlReader, manifest: BackupManifest): Promise<RestoreCheck[]> {
  const counts = await readCounts(reader);
  const checks: RestoreCheck[] = [
    {
      ok: counts.credentials === manifest.counts.credentials,
      text: `Credentials: ${counts.credentials} restored, ${manifest.counts.credentials} in the backup.`,
    },
  ];
  const others = (Object.keys(counts) as (keyof BackupCounts)[]).filter((name) => name !== "credentials");
  const differing = others.filter((name) => counts[name] !== manifest.counts[name]);
  checks.push({
    ok: differing.length === 0,
    text:
      differing.length === 0
        ? `Also as in the backup: ${others.map((name) => `${counts[name]} ${name}`).join(", ")}.`
        : `Not as in the backup: ${differing.map((name) => `${name} ${counts[name]} restored, ${manifest.counts[name]} in the backup`).join("; ")}.`,
  });
  // Read only when there is something to open: a backup without secrets needs no keys.
  let found: ReturnType<typeof findKeyRing> | undefined;
  const keyRing = () => (found ??= findKeyRing(reader.kind));
  checks.push(await checkTokensDecrypt(reader, keyRing));
  checks.push(await checkWebhookSecretsOpen(reader, keyRing));
  return checks;
}

type FoundKeyRing = { ring: KeyRing; source: string } | { problem: string };

async function checkTokensDecrypt(reader: SqlReader, keyRing: () => FoundKeyRing): Promise<RestoreCheck> {
  const rows = await reader.query<{ id: string; name: string; secretKeyId: string; secretCiphertext: string }>(
    `SELECT "id", "name", "secretKeyId", "secretCiphertext" FROM "Credential" ORDER BY "id"`,
  );
  if (rows.length === 0) return { ok: true, text: "No tokens to decrypt: the backup holds no credentials." };
  const found = keyRing();
  if ("problem" in found) return { ok: false, text: found.problem };
  const unreadable: string[] = [];
  for (const row of rows) {
    try {
      // Opened only to prove it opens: the token is dropped at once, never printed or kept.
      openSecret(
        found.ring,
        { keyId: row.secretKeyId, ciphertext: row.secretCiphertext },
        credentialSecretContext(row.id),
      );
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      unreadable.push(`"${row.name}" (${row.id}, key "${row.secretKeyId}": ${error.reason})`);
    }
  }
  if (unreadable.length === 0)
    return { ok: true, text: `Every token decrypts: ${rows.length} of ${rows.length}, with ${found.source}.` };
  const listed = unreadable.slice(0, 10).join(", ");
  const more = unreadable.length > 10 ? ` and ${unreadable.length - 10} more` : "";
  return {
    ok: false,
    text: `${unreadable.length} of ${rows.length} tokens do not decrypt with ${found.source}: ${listed}${more}. Restore with the encryption keys the backup was made with.`,
  };
}

/** Webhook signing secrets are sealed with the same keys: each must open too, or deliveries to it fail. */
async function checkWebhookSecretsOpen(reader: SqlReader, keyRing: () => FoundKeyRing): Promise<RestoreCheck> {
  // A backup made before webhooks existed has no such table.
  const rows = (await reader.appTableNames()).includes("Webhook")
    ? await reader.query<{ id: string; secretKeyId: string; secretCiphertext: string }>(
        `SELECT "id", "secretKeyId", "secretCiphertext" FROM "Webhook" ORDER BY "id"`,
      )
    : [];
  if (rows.length === 0)
    return { ok: true, text: "No webhook signing secrets to decrypt: the backup holds no webhooks." };
  const found = keyRing();
  if ("problem" in found) return { ok: false, text: found.problem };
  const unreadable = rows.filter((row) => {
    try {
      // Opened only to prove it opens: never printed or kept.
      openSecret(
        found.ring,
        { keyId: row.secretKeyId, ciphertext: row.secretCiphertext },
        webhookSecretContext(row.id),
      );
      return false;
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      return true;
    }
  });
  if (unreadable.length === 0)
    return {
      ok: true,
      text: `Every webhook signing secret decrypts: ${rows.length} of ${rows.length}, with ${found.source}.`,
    };
  const listed = unreadable.map((row) => `${row.id} (key "${row.secretKeyId}")`).join(", ");
  return {
    ok: false,
    text: `${unreadable.length} of ${rows.length} webhook signing secrets do not decrypt with ${found.source}: ${listed}. Restore with the encryption keys the backup was made with, or delete and add those webhooks again.`,
  };
}

/** The key ring the app will use on the restored database, read without creating anything. */
function findKeyRing(kind: SqlReader["kind"]): FoundKeyRing {
  const env = getEnv();
  try {
    if (env.CREDENTIAL_ENCRYPTION_KEYS)
      return {
        ring: parseKeyRing(env.CREDENTIAL_ENCRYPTION_KEYS, "CREDENTIAL_ENCRYPTION_KEYS"),
        source: "CREDENTIAL_ENCRYPTION_KEYS",
      };
    if (kind === "postgresql")
      return {
        problem: "CREDENTIAL_ENCRYPTION_KEYS is not set: it is required with PostgreSQL, and no token can be checked.",
      };
    const keyFile = localKeyFilePath(env.DATABASE_URL);
    if (!fs.existsSync(keyFile))
      return {
        problem: `No encryption keys: CREDENTIAL_ENCRYPTION_KEYS is not set and there is no key file at ${keyFile}. Set CREDENTIAL_ENCRYPTION_KEYS to the keys the backup was made with.`,
      };
    return { ring: parseKeyRing(fs.readFileSync(keyFile, "utf8"), keyFile), source: `the key file ${keyFile}` };
  } catch (error) {
    // A malformed ring: its message names the entry, never the key material.
    return { problem: `The encryption keys cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
