import "server-only";

import { getEnv } from "@/lib/config/env";
import { databaseKind } from "@/lib/config/startup-rules.mjs";

/**
 * Scheduled checks record what they found (a transaction) a few at a time per process, however
 * many are asking ClickUp at once. Transactions queue where a person's Save waits too — on SQLite
 * at the one connection's gate (lib/db/transaction-gate.ts), on PostgreSQL for one of the pool's
 * transaction slots — so with dozens of checks answered together a Save waited behind all of them
 * (npm run bench:watch-sweep, docs/performance.md). In turns, it waits behind one or two at most.
 * SQLite runs one transaction at a time anyway, so one turn costs it nothing; PostgreSQL gets two.
 */
let turns: number | undefined;
let running = 0;
const waiting: (() => void)[] = [];

export async function inRecordingTurn<T>(work: () => Promise<T>): Promise<T> {
  turns ??= databaseKind(getEnv().DATABASE_URL) === "postgresql" ? 2 : 1;
  if (running >= turns) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    // The turn passes straight to the next in line (running stays the same), or is given back.
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}
