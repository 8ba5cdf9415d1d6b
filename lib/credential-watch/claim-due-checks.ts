import "server-only";

import { getDb } from "@/lib/db/client";

import { firstCheckDue, nextCheckAfter, type ScheduleSettings } from "./schedule";

/**
 * Claims up to `limit` credentials whose scheduled check is due. Each claim is one conditional
 * update — move `nextCheckAt` one interval on, only if it still holds the value read — so however
 * many workers and instances look at the same due rows, exactly one wins each, on SQLite and on
 * PostgreSQL alike, and the winner's check happens at most once per interval. A process killed
 * mid-check leaves the credential claimed until its next interval: nothing is checked twice.
 */
export async function claimDueChecks(limit: number, now: Date, settings: ScheduleSettings): Promise<string[]> {
  if (limit <= 0) return [];
  const db = getDb();
  const due = await db.credential.findMany({
    where: { nextCheckAt: { lte: now } },
    orderBy: { nextCheckAt: "asc" },
    // A few more than needed: another process may win some of them.
    take: limit * 2,
    select: { id: true, nextCheckAt: true },
  });
  const claimed: string[] = [];
  for (const row of due) {
    if (claimed.length >= limit) break;
    const won = await db.credential.updateMany({
      where: { id: row.id, nextCheckAt: row.nextCheckAt },
      data: { nextCheckAt: nextCheckAfter(now, settings) },
    });
    if (won.count === 1) claimed.push(row.id);
  }
  return claimed;
}

/** Gives a claim back, due at `dueAt` (the global rate refused it this minute). */
export async function releaseClaim(credentialId: string, dueAt: Date): Promise<void> {
  await getDb().credential.updateMany({ where: { id: credentialId }, data: { nextCheckAt: dueAt } });
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
