import "server-only";

import { getDb, type Database } from "@/lib/db/client";

/**
 * Windows older than this are deleted. One horizon for every limit (the table holds several, with
 * different window lengths), longer than any window: a limit's cleanup must never drop another
 * limit's current window (e.g. a token check wiping the 15-minute sign-in counters).
 */
const RETENTION_MS = 24 * 60 * 60 * 1000;

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; retryAt: Date };

/** How often one process drops old windows. */
const CLEANUP_EVERY_MS = 60 * 1000;

// When this process last dropped old windows. Not shared, and it needs not be: clean-up only
// keeps the table small, and any process's clean-up serves all of them. The counters themselves
// live only in the database.
let lastCleanupAt = Number.NEGATIVE_INFINITY;

/**
 * Counts one event for `key` in the current fixed window and says whether it is within `limit`.
 * The counter is a database row incremented atomically, so several app processes share it.
 */
export async function consumeRateLimit(
  key: string,
  limit: number,
  windowMs: number,
  now = new Date(),
): Promise<RateLimitDecision> {
  if (windowMs > RETENTION_MS)
    throw new Error(`Rate limit windows longer than ${RETENTION_MS} ms would be deleted while current.`);
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const db = getDb();
  // One statement, the same on SQLite and PostgreSQL: the first hit creates the window's row, the
  // others (racing or not) increment it. Raw SQL, because Prisma's upsert costs about a
  // millisecond of CPU to compile on every call and may need a retry when two first hits race.
  const rows = await db.$queryRaw<{ count: unknown }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
    RETURNING "count"`;
  const count = Number(rows[0]?.count);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error("The rate-limit window's counter was not returned.");
  await dropOldWindows(db, now);
  if (count <= limit) return { allowed: true };
  const retryAt = new Date(windowStart.getTime() + windowMs);
  return {
    allowed: false,
    retryAt,
    retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)),
  };
}

/**
 * Takes up to `wanted` events from `key`'s current window at once, in one statement (the watch
 * starts its checks in batches: one counter update per batch, not per check). Says how many fit
 * under `limit`; the counter still counts them all, so anyone asking after a refusal is refused
 * too until the window ends, as they would be anyway.
 */
export async function takeFromRateLimit(
  key: string,
  limit: number,
  windowMs: number,
  wanted: number,
  now = new Date(),
): Promise<{ granted: number; retryAt: Date }> {
  if (windowMs > RETENTION_MS)
    throw new Error(`Rate limit windows longer than ${RETENTION_MS} ms would be deleted while current.`);
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const db = getDb();
  const rows = await db.$queryRaw<{ count: unknown }[]>`
    INSERT INTO "RateLimitWindow" ("key", "windowStart", "count") VALUES (${key}, ${windowStart}, ${wanted})
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + ${wanted}
    RETURNING "count"`;
  const count = Number(rows[0]?.count);
  if (!Number.isSafeInteger(count) || count < wanted)
    throw new Error("The rate-limit window's counter was not returned.");
  await dropOldWindows(db, now);
  // Before this batch the window held count - wanted; what is left under the limit is granted.
  const granted = Math.max(0, Math.min(wanted, limit - (count - wanted)));
  return { granted, retryAt: new Date(windowStart.getTime() + windowMs) };
}

/**
 * Deletes windows older than RETENTION_MS — at most once a minute per process, rather than on
 * every call: a delete is a write (a commit) that a token check should not pay each time.
 */
async function dropOldWindows(db: Database, now: Date) {
  const at = now.getTime();
  if (at >= lastCleanupAt && at - lastCleanupAt < CLEANUP_EVERY_MS) return;
  lastCleanupAt = at;
  await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(at - RETENTION_MS) } } });
}
