import "server-only";
import { randomUUID } from "node:crypto";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { sealSecret } from "@/lib/crypto/secret-box";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import type { CreateCredentialResult } from "@/lib/credentials/results";
import { credentialSecretContext } from "./secret";
import { toPublicCredential, type PublicCredential } from "./public-credential";
import { credentialNameKey, newCredentialSchema, type NewCredentialField } from "./schema";

function duplicateNameMessage(name: string, connectorName: string): string {
  return `A ${connectorName} credential named "${name}" already exists. Choose another name.`;
}

/** A credential of this connector, for pages that show one; undefined if there is none. */
export async function findCredential(connector: string, id: string): Promise<PublicCredential | undefined> {
  const row = await getDb().credential.findFirst({
    where: { id, connector },
    include: { _count: { select: { connections: true } } },
  });
  return row ? toPublicCredential(row) : undefined;
}

export async function listCredentials(connector: string): Promise<PublicCredential[]> {
  const rows = await getDb().credential.findMany({
    where: { connector },
    include: { _count: { select: { connections: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map(toPublicCredential);
}

/**
 * Adds a credential: validates the input (whatever the browser did), asks the connector whose
 * key it is, seals the key and stores it. Stores nothing unless every step succeeds.
 */
export async function createCredential(connectorId: unknown, input: unknown): Promise<CreateCredentialResult> {
  const connector = typeof connectorId === "string" ? findConnectorServer(connectorId) : undefined;
  if (!connector) return { ok: false, message: "Unknown connector. Reload the page and try again." };
  const { definition } = connector;

  const parsed = newCredentialSchema(definition).safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Partial<Record<NewCredentialField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "name" || field === "description" || field === "apiKey") && !fieldErrors[field]) {
        fieldErrors[field] = issue.message;
      }
    }
    if (Object.keys(fieldErrors).length === 0) {
      return { ok: false, message: "The form data was not understood. Reload the page and try again." };
    }
    return { ok: false, message: "Some fields need attention.", fieldErrors };
  }
  const { name, description, apiKey } = parsed.data;
  const nameKey = credentialNameKey(name);
  const db = getDb();

  // Checked first so a taken name costs no call to the connector; the unique index below is what
  // actually guarantees it when two saves race.
  const taken = await db.credential.findUnique({
    where: { connector_nameKey: { connector: definition.id, nameKey } },
    select: { id: true },
  });
  if (taken) return duplicateName(name, definition.displayName);

  const verified = await connector.verifyApiKey(apiKey);
  if (!verified.ok) {
    const { failure } = verified;
    return { ok: false, message: failure.message, ...(failure.kind === "rate-limited" && failure.retryAt ? { retryAt: failure.retryAt } : {}) };
  }

  const id = randomUUID();
  const sealed = sealSecret(getCredentialKeyRing(), apiKey, credentialSecretContext(id));
  try {
    const row = await db.credential.create({
      data: {
        id,
        connector: definition.id,
        name,
        nameKey,
        description,
        secretCiphertext: sealed.ciphertext,
        secretKeyId: sealed.keyId,
        secretLast4: apiKey.slice(-4),
        accountId: verified.account.id,
        accountName: verified.account.name,
        accountEmail: verified.account.email,
        lastVerifiedAt: new Date(),
      },
    });
    return { ok: true, data: toPublicCredential(row) };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateName(name, definition.displayName);
    throw error;
  }
}

function duplicateName(name: string, connectorName: string): CreateCredentialResult {
  const message = duplicateNameMessage(name, connectorName);
  return { ok: false, message, fieldErrors: { name: message } };
}
