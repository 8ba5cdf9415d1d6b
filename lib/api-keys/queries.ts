import "server-only";

import type { Person } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";

import type { ApiKeyView } from "./results";

const viewColumns = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

type ViewRow = { [K in keyof typeof viewColumns]: K extends "id" | "name" | "prefix" ? string : Date | null };

export function toApiKeyView(row: ViewRow): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt!.toISOString(),
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
