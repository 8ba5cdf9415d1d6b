import "server-only";

import { toRole, type Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";

import { hashApiKey, looksLikeApiKey } from "./key-secret";

/** "Last used" is a hint for the person, not an audit log: one write a minute per key is plenty. */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The caller an `Authorization` header's Bearer key stands for — the key's person, with exactly
 * their own access — or null when the key is missing, malformed, unknown, revoked or expired (one
 * answer for all, so a probe learns nothing). `clientKey` is the request's client address, so
 * the same per-client limits apply as on the pages.
 */
export async function resolveApiKey(authorization: string | null, clientKey: string): Promise<Caller | null> {
  const match = /^Bearer ([^\s]+)$/.exec(authorization?.trim() ?? "");
  if (!match || !looksLikeApiKey(match[1])) return null;
  const db = getDb();
  const row = await db.apiKey.findUnique({
    where: { keyHash: hashApiKey(match[1]) },
    select: {
      id: true,
      name: true,
      lastUsedAt: true,
      expiresAt: true,
      revokedAt: true,
      user: { select: { id: true, name: true, email: true, role: true } },
    },
  });
  const now = new Date();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  const { user } = row;
  return {
    person: { id: user.id, name: user.name, email: user.email, role: toRole(user.role) },
    clientKey,
    apiKey: { id: row.id, name: row.name },
  };
}
