import "server-only";

import { randomUUID } from "node:crypto";

import { connectorFailureResult, invalidInput } from "@/lib/action-result";
import { credentialAccess, credentialsUsableBy, credentialsVisibleTo } from "@/lib/auth/access";
import type { Viewer } from "@/lib/auth/viewer";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { sealSecret } from "@/lib/crypto/secret-box";
import { containsIgnoringCase, getDb, inTransaction } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { limitTokenChecks, type RequestContext } from "@/lib/security/token-check-limit";

import { recordCredentialEvent } from "./activity";
import { toPublicCredential, type CredentialRow, type PublicCredential } from "./public-credential";
import type { CreateCredentialResult } from "./results";
import { credentialNameKey, newCredentialSchema } from "./schema";
import { credentialSecretContext } from "./secret";

const withUsage = { _count: { select: { connections: true } }, owner: { select: { name: true } } } as const;

/** Rows to what may leave the server, marking those whose key is gone from the ring. */
export function toPublicCredentials(
  rows: (CredentialRow & { ownerId: string | null })[],
  viewer: Viewer,
): PublicCredential[] {
  const { keys } = getCredentialKeyRing();
  return rows.map((row) => toPublicCredential(row, keys.has(row.secretKeyId), credentialAccess(viewer, row.ownerId)));
}

export function duplicateCredentialNameMessage(name: string, connectorName: string): string {
  return `A ${connectorName} credential named "${name}" already exists. Choose another name.`;
}

export function describeAccount(account: { name: string; email: string }): string {
  return [account.name, account.email && `(${account.email})`].filter(Boolean).join(" ") || "an unnamed account";
}

/**
 * A credential (of this connector, if given) the viewer may see — or, with `purpose: "use"`, may
 * use; undefined if there is none (or it is someone else's: the two look the same).
 */
export async function findCredential(
  viewer: Viewer,
  connector: string | undefined,
  id: string,
  purpose: "see" | "use" = "see",
): Promise<PublicCredential | undefined> {
  const allowed = purpose === "use" ? credentialsUsableBy(viewer) : credentialsVisibleTo(viewer);
  const row = await getDb().credential.findFirst({
    where: { AND: [{ id, ...(connector ? { connector } : {}) }, allowed] },
    include: withUsage,
  });
  return row ? toPublicCredentials([row], viewer)[0] : undefined;
}

export const TILE_PAGE_SIZE = 48;

/**
 * The Authenticate screen's tiles: the newest `limit` credentials of a connector matching
 * `query`, plus the selected one wherever it is, and how many match in all. Bounded, so the
 * screen stays fast and usable with thousands of credentials.
 */
export async function listCredentialTiles(
  viewer: Viewer,
  connector: string,
  options: { query?: string; limit: number; includeId?: string },
): Promise<{ credentials: PublicCredential[]; total: number }> {
  // Tiles are for picking a credential to use: the viewer's own and those shared with them.
  const where = { AND: [{ connector, ...searchFilter(options.query) }, credentialsUsableBy(viewer)] };
  const db = getDb();
  const [rows, total] = await Promise.all([
    db.credential.findMany({
      where,
      include: withUsage,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: options.limit,
    }),
    db.credential.count({ where }),
  ]);
  if (options.includeId && !rows.some((row) => row.id === options.includeId)) {
    const selected = await db.credential.findFirst({
      where: { AND: [{ id: options.includeId, connector }, credentialsUsableBy(viewer)] },
      include: withUsage,
    });
    if (selected) rows.unshift(selected);
  }
  return { credentials: toPublicCredentials(rows, viewer), total };
}

function searchFilter(rawQuery: string | undefined) {
  const query = rawQuery?.trim().slice(0, 100);
  if (!query) return {};
  return {
    OR: [
      { nameKey: { contains: credentialNameKey(query) } },
      { description: containsIgnoringCase(query) },
      { accountName: containsIgnoringCase(query) },
      { accountEmail: containsIgnoringCase(query) },
    ],
  };
}

/** The credentials list: every connector, or one; filtered by a search of name, description and account. */
export async function searchCredentials(
  viewer: Viewer,
  filter: { query?: string; connector?: string },
): Promise<PublicCredential[]> {
  const rows = await getDb().credential.findMany({
    where: {
      AND: [
        { ...(filter.connector ? { connector: filter.connector } : {}), ...searchFilter(filter.query) },
        credentialsVisibleTo(viewer),
      ],
    },
    include: withUsage,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
  return toPublicCredentials(rows, viewer);
}

/**
 * Adds a credential: validates the input (whatever the browser did), asks the connector whose
 * key it is, seals the key and stores it. Stores nothing unless every step succeeds.
 */
export async function createCredential(
  connectorId: unknown,
  input: unknown,
  context: RequestContext,
): Promise<CreateCredentialResult> {
  const connector = typeof connectorId === "string" ? findConnectorServer(connectorId) : undefined;
  if (!connector) return { ok: false, message: "Unknown connector. Reload the page and try again." };
  const { definition } = connector;

  const parsed = newCredentialSchema(definition).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "description", "apiKey"] as const);
  const { name, description, apiKey } = parsed.data;
  const nameKey = credentialNameKey(name);
  const db = getDb();

  // Checked first so a taken name costs no call to the connector; the unique index below is what
  // actually guarantees it when two saves race.
  // Names are unique per person, so only the viewer's own credentials can clash.
  const taken = await db.credential.findFirst({
    where: { ownerId: context.viewer.id, connector: definition.id, nameKey },
    select: { id: true },
  });
  if (taken) return duplicateName(name, definition.displayName);

  const limited = await limitTokenChecks(context);
  if (limited) return limited;
  const verified = await connector.verifyApiKey(apiKey);
  if (!verified.ok) return connectorFailureResult(verified.failure);

  const id = randomUUID();
  const sealed = sealSecret(getCredentialKeyRing(), apiKey, credentialSecretContext(id));
  const now = new Date();
  try {
    const row = await inTransaction(async (tx) => {
      const created = await tx.credential.create({
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
          lastVerifiedAt: now,
          lastCheckedAt: now,
          ownerId: context.viewer.id,
        },
      });
      await recordCredentialEvent(
        {
          credentialId: id,
          credentialName: name,
          type: "created",
          actorName: context.viewer.name,
          detail: `Verified with ${definition.displayName}: belongs to ${describeAccount(verified.account)}. Token ending …${apiKey.slice(-4)}.`,
        },
        tx,
      );
      // Nothing can use a credential that did not exist a moment ago: no need to count (a query).
      return { ...created, _count: { connections: 0 } };
    });
    return { ok: true, data: toPublicCredentials([row], context.viewer)[0] };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateName(name, definition.displayName);
    throw error;
  }
}

function duplicateName(name: string, connectorName: string): CreateCredentialResult {
  const message = duplicateCredentialNameMessage(name, connectorName);
  return { ok: false, message, fieldErrors: { name: message } };
}
