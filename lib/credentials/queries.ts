import "server-only";

import { canSeeEndpoint, credentialFilter, type CredentialScope } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { stateFilter, type StateFilter } from "@/lib/credential-watch/state-filter";
import { containsIgnoringCase, getDb } from "@/lib/db/client";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";

import type { CredentialEventType, CredentialEventView } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { findLookalikes } from "./lookalike-names";
import { toPublicCredentials, type PublicCredential } from "./public-credential";
import type { CredentialSharingView, CredentialUse } from "./results";
import { credentialNameKey } from "./schemas.browser-safe";

// Every read of credentials for pages and commands. Each takes the person first and applies the
// access rules of lib/auth/access.ts in its query.

const withUsage = { _count: { select: { endpoints: true } }, owner: { select: { name: true, email: true } } } as const;

/** Rows as they may leave the server, those shared with the person marked when they look like another they can use. */
async function toPublic(rows: Parameters<typeof toPublicCredentials>[0], person: Person): Promise<PublicCredential[]> {
  const credentials = toPublicCredentials(rows, person, getCredentialKeyRing().keys);
  if (credentials.every((credential) => credential.access === "own")) return credentials;
  // Every credential the person can pick, of these connectors: a look-alike may be on another page of tiles.
  const usable = await getDb().credential.findMany({
    where: {
      AND: [{ connector: { in: [...new Set(rows.map((row) => row.connector))] } }, credentialFilter(person, "use")],
    },
    select: { id: true, name: true, connector: true, ownerId: true },
  });
  const lookalikes = findLookalikes(usable, person.id);
  return credentials.map((credential) => ({ ...credential, looksLike: lookalikes.get(credential.id) ?? null }));
}

/**
 * A credential (of this connector, if given) the person may see — or use, with scope "use" —
 * as it may leave the server; undefined if there is none (or it is someone else's: the same).
 */
export async function getCredential(
  person: Person,
  id: string,
  options: { scope?: Extract<CredentialScope, "see" | "use">; connector?: string } = {},
): Promise<PublicCredential | undefined> {
  const row = await getDb().credential.findFirst({
    where: {
      AND: [
        { id, ...(options.connector ? { connector: options.connector } : {}) },
        credentialFilter(person, options.scope ?? "see"),
      ],
    },
    include: withUsage,
  });
  return row ? (await toPublic([row], person))[0] : undefined;
}

export const TILE_PAGE_SIZE = 48;

/**
 * The Authenticate screen's tiles: the newest `limit` credentials of a connector matching
 * `query`, plus the selected one wherever it is, and how many match in all. Bounded, so the
 * screen stays fast and usable with thousands of credentials.
 */
export async function listCredentialTiles(
  person: Person,
  connector: string,
  options: { query?: string; limit: number; includeId?: string },
): Promise<{ credentials: PublicCredential[]; total: number }> {
  // Tiles are for picking a credential to use: the person's own and those shared with them.
  const where = { AND: [{ connector, ...searchFilter(options.query) }, credentialFilter(person, "use")] };
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
      where: { AND: [{ id: options.includeId, connector }, credentialFilter(person, "use")] },
      include: withUsage,
    });
    if (selected) rows.unshift(selected);
  }
  return { credentials: await toPublic(rows, person), total };
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
  person: Person,
  filter: { query?: string; connector?: string; state?: StateFilter },
): Promise<PublicCredential[]> {
  const rows = await getDb().credential.findMany({
    where: {
      AND: [
        { ...(filter.connector ? { connector: filter.connector } : {}), ...searchFilter(filter.query) },
        stateFilter(filter.state),
        credentialFilter(person, "see"),
      ],
    },
    include: withUsage,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
  return toPublic(rows, person);
}

/**
 * The sources and destinations using a credential. Whoever may manage it sees all of them (they
 * are why it cannot be deleted), others only their own.
 */
export async function listCredentialUses(
  person: Person,
  credentialId: string,
  canManage: boolean,
): Promise<CredentialUse[]> {
  const rows = await getDb().endpoint.findMany({
    where: { AND: [{ credentialId }, canManage ? {} : { ownerId: person.id }] },
    select: { id: true, kind: true, name: true, ownerId: true, owner: { select: { name: true } } },
    orderBy: [{ kind: "desc" }, { name: "asc" }],
  });
  return rows.map((row) => {
    const kind: EndpointKind = row.kind === "destination" ? "destination" : "source";
    return {
      id: row.id,
      kind,
      name: row.name,
      ...(canSeeEndpoint(person, row.ownerId) ? { path: `${endpointKinds[kind].basePath}/${row.id}` } : {}),
      ...(row.ownerId !== person.id && row.owner ? { ownerName: row.owner.name } : {}),
    };
  });
}

/** The Sharing section of a credential's page: for its owner only (undefined for anyone else). */
export async function listCredentialShares(
  person: Person,
  credentialId: string,
): Promise<CredentialSharingView | undefined> {
  const found = await findCredentialFor(person, credentialId, "share", { ownerId: true });
  if (!found.ok) return undefined;
  const db = getDb();
  const rows = await db.credentialShare.findMany({
    where: { credentialId },
    include: { user: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  const shares = rows.map((row) => ({
    userId: row.userId,
    name: row.user.name,
    email: row.user.email,
    sharedAt: row.createdAt.toISOString(),
    proxyAllowed: row.proxyAllowed,
  }));
  const excluded = [...shares.map((share) => share.userId), ...(found.row.ownerId ? [found.row.ownerId] : [])];
  // Names and emails only: everyone but the owner and those it is shared with already.
  const candidates = await db.user.findMany({
    where: { id: { notIn: excluded } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
  return { shares, candidates };
}

/** When the credential was shared with the person, if it is (for "Remove from my credentials"). */
export async function getShareWith(person: Person, credentialId: string): Promise<{ sharedAt: string } | undefined> {
  const share = await getDb().credentialShare.findUnique({
    where: { credentialId_userId: { credentialId, userId: person.id } },
    select: { createdAt: true },
  });
  return share ? { sharedAt: share.createdAt.toISOString() } : undefined;
}

export async function countCredentialsByKey(): Promise<Record<string, number>> {
  const groups = await getDb().credential.groupBy({ by: ["secretKeyId"], _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.secretKeyId, group._count._all]));
}

/** Credentials whose key id is not in the configured ring: they cannot be decrypted until it is restored. */
export async function findCredentialsWithMissingKeys(): Promise<{ name: string; keyId: string }[]> {
  const { keys } = getCredentialKeyRing();
  const rows = await getDb().credential.findMany({
    where: { secretKeyId: { notIn: [...keys.keys()] } },
    select: { name: true, secretKeyId: true },
    orderBy: { name: "asc" },
  });
  return rows.map((row) => ({ name: row.name, keyId: row.secretKeyId }));
}

/** A credential's Activity, newest first. Callers show it only with the credential itself (scope "see"). */
export async function listCredentialEvents(credentialId: string, limit = 100): Promise<CredentialEventView[]> {
  const rows = await getDb().credentialEvent.findMany({
    where: { credentialId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    type: row.type as CredentialEventType,
    detail: row.detail,
    actorName: row.actorName,
    createdAt: row.createdAt.toISOString(),
    times: row.times,
    lastAt: (row.lastAt ?? row.createdAt).toISOString(),
  }));
}

/** Where a page of the API's credential list starts: after this credential (creation time, then id). */
export interface CredentialCursor {
  createdAt: Date;
  id: string;
}

/**
 * The API's credential list: the ones the person may see, oldest first (so new ones land on later
 * pages and a script walking the pages misses none), `limit` at a time after `after`.
 */
export async function listCredentialsPage(
  person: Person,
  filter: { query?: string; connector?: string; state?: StateFilter; after?: CredentialCursor; limit: number },
): Promise<{ credentials: PublicCredential[]; last?: CredentialCursor; more: boolean }> {
  const { after } = filter;
  const rows = await getDb().credential.findMany({
    where: {
      AND: [
        { ...(filter.connector ? { connector: filter.connector } : {}), ...searchFilter(filter.query) },
        after
          ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
          : {},
        stateFilter(filter.state),
        credentialFilter(person, "see"),
      ],
    },
    include: withUsage,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: filter.limit + 1,
  });
  const more = rows.length > filter.limit;
  const page = rows.slice(0, filter.limit);
  const lastRow = page.at(-1);
  return {
    credentials: await toPublic(page, person),
    last: lastRow ? { createdAt: lastRow.createdAt, id: lastRow.id } : undefined,
    more,
  };
}
