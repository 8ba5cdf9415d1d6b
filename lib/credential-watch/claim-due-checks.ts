import "server-only";

import { getEnv } from "@/lib/config/env";
import { databaseKind } from "@/lib/config/startup-rules.mjs";
import { getDb } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

import { firstCheckDue, nextCheckAfter, type ScheduleSettings } from "./schedule";

/**
 * Claims up to `limit` credentials whose scheduled check is due, oldest first, in one statement:
 * it moves their `nextCheckAt` one interval on, only where it is still due. However many workers
 * and instances look at the same due rows, exactly one wins each, on SQLite (one writer at a time)
 * and on PostgreSQL (a row another claim moved is re-read and no longer due; SKIP LOCKED lets a
 * concurrent claim take the next rows instead of waiting for these), so each is checked at most
 * once per interval. A process killed mid-check leaves the credential claimed until then: nothing
 * is checked twice.
 *
 * One statement per batch rather than one update per row: at thousands of checks a minute the
 * per-row updates were a commit each on SQLite (npm run bench:watch-sweep). The batch shares one
 * claim time; each check then sets its own next time, with jitter (lib/credentials/checks.ts).
 */
export async function claimDueChecks(limit: number, now: Date, settings: ScheduleSettings): Promise<string[]> {
  if (limit <= 0) return [];
  const skipLocked =
    databaseKind(getEnv().DATABASE_URL) === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const rows = await getDb().$queryRaw<{ id: string }[]>`
    UPDATE "Credential" SET "nextCheckAt" = ${nextCheckAfter(now, settings)}
    WHERE "nextCheckAt" <= ${now} AND "id" IN (
      SELECT "id" FROM "Credential" WHERE "nextCheckAt" <= ${now}
      ORDER BY "nextCheckAt" LIMIT ${limit} ${skipLocked})
    RETURNING "id"`;
  return rows.map((row) => row.id);
}

/** Gives claims back, due at `dueAt` (the global rate refused them this minute). */
export async function releaseClaims(credentialIds: string[], dueAt: Date): Promise<void> {
  if (credentialIds.length === 0) return;
  await getDb().credential.updateMany({ where: { id: { in: credentialIds } }, data: { nextCheckAt: dueAt } });
}

/**
 * Schedules up to `limit` credentials that have no next check — saved before the watch existed —
 * or whose next check lies further off than today's interval allows (the interval was shortened):
 * each due one interval after its last check, spread so that none of them is due all at once.
 */
export async function scheduleUnscheduled(limit: number, now: Date, settings: ScheduleSettings): Promise<number> {
  const db = getDb();
  const latestAllowed = new Date(now.getTime() + settings.intervalMs * 1.1 + 1000);
  const rows = await db.credential.findMany({
    where: { OR: [{ nextCheckAt: null }, { nextCheckAt: { gt: latestAllowed } }] },
    take: limit,
    select: { id: true, nextCheckAt: true, lastCheckedAt: true, createdAt: true },
  });
  for (const row of rows) {
    await db.credential.updateMany({
      where: { id: row.id, nextCheckAt: row.nextCheckAt },
      data: { nextCheckAt: firstCheckDue(row.lastCheckedAt ?? row.createdAt, now, settings) },
    });
  }
  return rows.length;
}
