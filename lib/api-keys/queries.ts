import "server-only";

import { credentialFilter } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { ApiKeyProxyTargetView, ApiKeyView, ProxyTargetChoice } from "./results";
import { hasEveryScope, parseStoredScopes } from "./scopes.browser-safe";

const viewColumns = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  proxyRestricted: true,
  proxyTargets: {
    select: {
      credential: { select: { id: true, name: true } },
      endpoint: { select: { id: true, kind: true, name: true } },
    },
  },
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} satisfies Prisma.ApiKeySelect;

type ViewRow = Prisma.ApiKeyGetPayload<{ select: typeof viewColumns }>;

function targetView({ credential, endpoint }: ViewRow["proxyTargets"][number]): ApiKeyProxyTargetView | null {
  if (endpoint) return { kind: endpoint.kind === "destination" ? "destination" : "source", ...pick(endpoint) };
  return credential ? { kind: "credential", ...pick(credential) } : null;
}
const pick = ({ id, name }: { id: string; name: string }) => ({ id, name });

export function toApiKeyView(row: ViewRow): ApiKeyView {
  const scopes = [...parseStoredScopes(row.scopes)];
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes,
    everyScope: hasEveryScope(scopes),
    madeBeforeScopes: row.scopes === null,
    proxyTargets: row.proxyRestricted ? row.proxyTargets.map(targetView).filter((target) => target !== null) : null,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** A person's own keys, newest first (the admin too sees only their own: a key is personal). */
export async function listApiKeys(person: Person): Promise<ApiKeyView[]> {
  const rows = await getDb().apiKey.findMany({
    where: { userId: person.id },
    select: viewColumns,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map(toApiKeyView);
}

export const API_KEY_VIEW_COLUMNS = viewColumns;

/**
 * What "Proxy only through" offers: the credentials the person may use (the ClickUp proxy needs
 * use, never the admin's see), each with the person's own sources and destinations that use it
 * (the admin sees others' too, but a key of theirs has no business with them). The command checks
 * a submitted choice against the same filters (proxyTargetFilters below).
 */
export async function listProxyTargetChoices(person: Person): Promise<ProxyTargetChoice[]> {
  const rows = await getDb().credential.findMany({
    where: credentialFilter(person, "use"),
    select: {
      id: true,
      name: true,
      endpoints: {
        where: { ownerId: person.id },
        select: { id: true, kind: true, name: true },
        orderBy: [{ kind: "desc" }, { name: "asc" }],
      },
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    endpoints: row.endpoints.map((endpoint) => ({
      id: endpoint.id,
      kind: endpoint.kind === "destination" ? "destination" : "source",
      name: endpoint.name,
    })),
  }));
}

/** The filters a key's proxy targets must pass when it is made: the credentials and endpoints above. */
export function proxyTargetFilters(person: Person) {
  const usable = credentialFilter(person, "use");
  return { credential: usable, endpoint: { ownerId: person.id, credential: usable } };
}
