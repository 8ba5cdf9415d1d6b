import "server-only";

import { randomUUID } from "node:crypto";

import { getEnv } from "@/lib/config/env";
import { databaseKind } from "@/lib/config/startup-rules.mjs";
import { getDb, inTransaction, type Database } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import { BUDGET_WINDOW_MS } from "./rate-limit-headers";
import type { BudgetUse } from "./reserve-call";
import { rollUpKeyCalls } from "./roll-up-key-calls";

type Outcome = "called" | "refused" | "external";
type Runner = Pick<Database, "$queryRaw" | "$executeRaw"> | Prisma.TransactionClient;

/** How long the log is kept: the credential page shows the last hour. */
const KEPT_MS = 60 * 60_000;
const PRUNE_EVERY_MS = 60_000;
let lastPrunedAt = Number.NEGATIVE_INFINITY;

const onPostgres = () => databaseKind(getEnv().DATABASE_URL) === "postgresql";

/**
 * Logs one call as let through if fewer than `limit` calls of the budget fall in the last minute,
 * atomically across every worker and instance. Returns undefined when it was, or when the
 * budget next has room. "Refused" rows are the log's, not the budget's: they never count.
 *
 * SQLite: one INSERT … SELECT … WHERE (count) < limit. A writing statement takes the file's write
 * lock before it reads, so no other process can add a call between the count and the insert.
 * PostgreSQL: the same check and insert inside a transaction holding an advisory lock on the
 * budget (read committed: each statement sees what earlier holders of the lock committed).
 */
export async function logCallIfRoom(
  budgetKey: string,
  limit: number,
  use: BudgetUse,
  now: Date,
  waitedMs: number,
): Promise<Date | undefined> {
  const windowStart = new Date(now.getTime() - BUDGET_WINDOW_MS);
  const id = randomUUID();
  if (onPostgres()) {
    return inTransaction(async (tx) => {
      await lockBudget(tx, budgetKey);
      const count = await countSince(tx, budgetKey, windowStart);
      if (count >= limit) return roomAt(tx, budgetKey, windowStart, count - limit);
      await insertRow(tx, id, budgetKey, now, use, waitedMs, "called");
      return undefined;
    });
  }
  const db = getDb();
  const inserted = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "ClickUpCallReservation"
      ("id", "budgetKey", "at", "credentialId", "endpointId", "apiKeyId", "personId", "purpose", "waitedMs", "outcome")
    SELECT ${id}, ${budgetKey}, ${now}, ${use.credentialId}, ${use.endpointId ?? null}, ${use.apiKeyId ?? null},
      ${use.personId ?? null}, ${use.purpose}, ${waitedMs}, 'called'
    WHERE (SELECT COALESCE(SUM("calls"), 0) FROM "ClickUpCallReservation"
      WHERE "budgetKey" = ${budgetKey} AND "outcome" <> 'refused' AND "at" > ${windowStart}) < ${limit}
    RETURNING "id"`;
  if (inserted.length === 1) return undefined;
  // Only how long to wait is read apart from the insert: a row that arrives meanwhile at worst
  // makes this caller try again a little early.
  const count = await countSince(db, budgetKey, windowStart);
  return roomAt(db, budgetKey, windowStart, Math.max(0, count - limit));
}

/** Logs a call the budget had no room for within the caller's longest wait. */
export async function logRefusal(budgetKey: string, use: BudgetUse, now: Date, waitedMs: number): Promise<void> {
  await insertRow(getDb(), randomUUID(), budgetKey, now, use, waitedMs, "refused");
}

/**
 * ClickUp said that only `remaining` calls of the token's minute are left: others (outside the app)
 * spent it too. Adds one "external" row standing for the calls the window is missing, so its count
 * matches what ClickUp says (at most `limit` minus `remaining`), counted from `resetAt` minus a
 * minute so it leaves the window when ClickUp's count starts again. Under the same lock as
 * reserving; never removes calls.
 */
export async function logExternalCalls(
  budgetKey: string,
  limit: number,
  remaining: number,
  resetAt: Date,
  use: BudgetUse,
  now: Date,
): Promise<void> {
  const windowStart = new Date(now.getTime() - BUDGET_WINDOW_MS);
  // Inside the window (after its start, not after now), whatever the clocks say.
  const at = new Date(
    Math.min(now.getTime(), Math.max(resetAt.getTime() - BUDGET_WINDOW_MS, windowStart.getTime() + 1)),
  );
  const missing = async (runner: Runner) => limit - remaining - (await countSince(runner, budgetKey, windowStart));
  // Most answers need no correction: read first, and lock only when one is due.
  if ((await missing(getDb())) <= 0) return;
  await inTransaction(async (tx) => {
    if (onPostgres()) await lockBudget(tx, budgetKey);
    const calls = await missing(tx);
    if (calls > 0) await insertRow(tx, randomUUID(), budgetKey, at, use, 0, "external", calls);
  });
}

/**
 * At most once a minute per process: counts the last hour's calls per API key into the Activity,
 * then deletes calls older than the hour the log is kept for.
 */
export async function pruneOldCalls(now: Date): Promise<void> {
  const at = now.getTime();
  if (at >= lastPrunedAt && at - lastPrunedAt < PRUNE_EVERY_MS) return;
  lastPrunedAt = at;
  await rollUpKeyCalls(now);
  await getDb().$executeRaw`DELETE FROM "ClickUpCallReservation" WHERE "at" < ${new Date(at - KEPT_MS)}`;
}

async function lockBudget(tx: Prisma.TransactionClient, budgetKey: string) {
  // Held until the transaction ends; keyed by the budget, so other tokens never wait for it.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${budgetKey}, 0))`;
}

async function countSince(runner: Runner, budgetKey: string, since: Date): Promise<number> {
  const rows = await runner.$queryRaw<{ count: unknown }[]>`
    SELECT COALESCE(SUM("calls"), 0) AS "count" FROM "ClickUpCallReservation"
    WHERE "budgetKey" = ${budgetKey} AND "outcome" <> 'refused' AND "at" > ${since}`;
  return Number(rows[0]?.count ?? 0);
}

/**
 * When the budget has room again: once the calls of the window, oldest first, that take its count
 * past `excess` have left it (a running sum, as an "external" row stands for several calls).
 */
async function roomAt(runner: Runner, budgetKey: string, windowStart: Date, excess: number): Promise<Date> {
  const rows = await runner.$queryRaw<{ at: unknown }[]>`
    SELECT "at" FROM (
      SELECT "at", SUM("calls") OVER (ORDER BY "at", "id" ROWS UNBOUNDED PRECEDING) AS "running"
      FROM "ClickUpCallReservation"
      WHERE "budgetKey" = ${budgetKey} AND "outcome" <> 'refused' AND "at" > ${windowStart}
    ) AS "window" WHERE "running" > ${excess} ORDER BY "at" LIMIT 1`;
  const oldest = rows[0] ? new Date(rows[0].at as string | Date) : windowStart;
  return new Date(oldest.getTime() + BUDGET_WINDOW_MS);
}

function insertRow(
  runner: Runner,
  id: string,
  budgetKey: string,
  at: Date,
  use: BudgetUse,
  waitedMs: number,
  outcome: Outcome,
  calls = 1,
) {
  return runner.$executeRaw`
    INSERT INTO "ClickUpCallReservation"
      ("id", "budgetKey", "at", "credentialId", "endpointId", "apiKeyId", "personId", "purpose", "calls", "waitedMs", "outcome")
    VALUES (${id}, ${budgetKey}, ${at}, ${use.credentialId}, ${use.endpointId ?? null}, ${use.apiKeyId ?? null},
      ${use.personId ?? null}, ${use.purpose}, ${calls}, ${waitedMs}, ${outcome})`;
}
