import "server-only";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";

/**
 * Windows older than this are deleted. One horizon for every limit (the table holds several, with
 * different window lengths), longer than any window: a limit's cleanup must never drop another
 * limit's current window (e.g. a token check wiping the 15-minute sign-in counters).
 */
const RETENTION_MS = 24 * 60 * 60 * 1000;

export type RateLimitDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; retryAt: Date };

/**
 * Counts one event for `key` in the current fixed window and says whether it is within `limit`.
 * The counter is a database row incremented atomically, so several app processes share it.
 */
export async function consumeRateLimit(key: string, limit: number, windowMs: number, now = new Date()): Promise<RateLimitDecision> {
  if (windowMs > RETENTION_MS) throw new Error(`Rate limit windows longer than ${RETENTION_MS} ms would be deleted while current.`);
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const db = getDb();
  const increment = () =>
    db.rateLimitWindow.upsert({
      where: { key_windowStart: { key, windowStart } },
      create: { key, windowStart, count: 1 },
      update: { count: { increment: 1 } },
      select: { count: true },
    });
  let row: { count: number };
  try {
    row = await increment();
  } catch (error) {
    // Two first hits raced to create the row; the loser increments the winner's row.
    if (!isUniqueViolation(error)) throw error;
    row = await increment();
  }
  // Old windows are dead weight; dropping them here keeps the table small without a scheduler.
  await db.rateLimitWindow.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - RETENTION_MS) } } });
  if (row.count <= limit) return { allowed: true };
  const retryAt = new Date(windowStart.getTime() + windowMs);
  return { allowed: false, retryAt, retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)) };
}
