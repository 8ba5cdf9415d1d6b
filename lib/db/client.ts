import "server-only";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import BetterSqlite3 from "better-sqlite3";

import { getEnv } from "@/lib/config/env";
import { databaseKind, resolveSqlitePath } from "@/lib/config/startup-rules.mjs";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

import { withDeadline } from "./busy-wait";
import { createDatabaseFileOwnerOnly } from "./data-files";
import { retryDroppedReads } from "./retry-dropped-reads";
import { TransactionGate } from "./transaction-gate";
import { TransactionSlots } from "./transaction-slots";

// Ciphertext is loaded only where a query asks for it by name (see lib/credentials/secret.ts).
const omit = { credential: { secretCiphertext: true } } as const;

/**
 * PostgreSQL connections per process. Transactions may hold all but a few of them at once (the
 * rest stay free for reads, so pages load during a burst of saves); more wait their turn in
 * `TransactionSlots`, not in Prisma's wait for a connection (maxWait), which fails as a bug.
 */
const POSTGRES_POOL_SIZE = 10;
const POSTGRES_CONNECTIONS_FOR_READS = 2;

function createSqliteClient(databaseUrl: string, gate?: TransactionGate) {
  // timeout 0: SQLite's busy handler sleeps inside the synchronous call, blocking the event loop;
  // the gate waits for a lock asynchronously instead (transaction-gate.ts).
  const adapter = new PrismaBetterSQLite3({ url: resolveSqlitePath(databaseUrl), timeout: 0 });
  return new PrismaClient({ adapter: gate ? gate.adapter(adapter) : adapter, omit });
}

/**
 * Write-ahead logging: a commit appends to one log instead of creating, syncing and deleting a
 * rollback journal each time (docs/performance.md measured the journal as most of a save's cost),
 * and readers no longer wait for writers. The mode is stored in the database file itself.
 */
function enableWriteAheadLog(databaseUrl: string) {
  const filePath = resolveSqlitePath(databaseUrl);
  createDatabaseFileOwnerOnly(filePath);
  // No busy timeout (see createSqliteClient): if another program holds the lock now, the request
  // fails "busy" and the next one opens the database again.
  const connection = new BetterSqlite3(filePath, { timeout: 0 });
  try {
    connection.pragma("journal_mode = WAL");
  } finally {
    connection.close();
  }
}

export type Database = ReturnType<typeof createSqliteClient>;

interface DatabaseHandle {
  client: Database;
  /** Set for SQLite's single connection; PostgreSQL gives each transaction its own connection. */
  gate?: TransactionGate;
  /** Set for PostgreSQL: how many transactions may hold a pooled connection at once. */
  slots?: TransactionSlots;
}

/**
 * The app's one data model, on the database DATABASE_URL names. Prisma generates a client per
 * provider (prisma/schema.prisma and its generated twin prisma/postgres/schema.prisma); their
 * models are identical, so the PostgreSQL client is used through the same type.
 */
function openDatabase(): DatabaseHandle {
  const { DATABASE_URL, DATABASE_BUSY_TIMEOUT_MS } = getEnv();
  if (databaseKind(DATABASE_URL) === "postgresql") {
    const client = new PostgresPrismaClient({
      adapter: retryDroppedReads(new PrismaPg({ connectionString: DATABASE_URL, max: POSTGRES_POOL_SIZE })),
      omit,
    });
    const slots = new TransactionSlots(POSTGRES_POOL_SIZE - POSTGRES_CONNECTIONS_FOR_READS);
    return { client: client as unknown as Database, slots };
  }
  enableWriteAheadLog(DATABASE_URL);
  const gate = new TransactionGate(DATABASE_BUSY_TIMEOUT_MS);
  return { client: createSqliteClient(DATABASE_URL, gate), gate };
}

// One client per process; Next's dev server reloads modules, so keep it on globalThis there.
const globalForPrisma = globalThis as unknown as { prisma?: DatabaseHandle };

function handle(): DatabaseHandle {
  globalForPrisma.prisma ??= openDatabase();
  return globalForPrisma.prisma;
}

export function getDb(): Database {
  return handle().client;
}

/**
 * Runs `work` in a database transaction. Use this, not `$transaction`: on SQLite it also keeps
 * other requests' queries out of the transaction (see transaction-gate.ts); on both databases it
 * waits its turn — for the SQLite file's lock, or for a PostgreSQL connection — asynchronously and
 * at most DATABASE_BUSY_TIMEOUT_MS from this call, then fails with a "busy" error
 * (lib/db/errors.ts `databaseTrouble`) that actions answer in plain words.
 */
export function inTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const { client, gate, slots } = handle();
  const deadline = Date.now() + getEnv().DATABASE_BUSY_TIMEOUT_MS;
  // Prisma's own wait for the transaction to start must outlast ours, or it fails first, as a bug.
  const run = () => client.$transaction(work, { maxWait: Math.max(deadline - Date.now(), 0) + 2_000 });
  return withDeadline(deadline, () => (gate ? gate.transaction(run) : slots!.run(deadline, run)));
}

/**
 * A case-insensitive "contains" filter on either database: SQLite's LIKE already ignores ASCII
 * case; PostgreSQL needs `mode: "insensitive"`, which the SQLite client's types do not know.
 */
export function containsIgnoringCase(value: string): { contains: string } {
  return databaseKind(getEnv().DATABASE_URL) === "postgresql"
    ? ({ contains: value, mode: "insensitive" } as { contains: string })
    : { contains: value };
}
