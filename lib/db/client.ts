import "server-only";

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import BetterSqlite3 from "better-sqlite3";

import { databaseKind, resolveSqlitePath } from "@/lib/config/database-url";
import { getEnv } from "@/lib/config/env";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";

import { createDatabaseFileOwnerOnly } from "./data-files";
import { TransactionGate } from "./transaction-gate";

// Ciphertext is loaded only where a query asks for it by name (see lib/credentials/secret.ts).
const omit = { credential: { secretCiphertext: true } } as const;

function createSqliteClient(databaseUrl: string, gate?: TransactionGate) {
  const adapter = new PrismaBetterSQLite3({ url: resolveSqlitePath(databaseUrl) });
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
  const connection = new BetterSqlite3(filePath);
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
}

/**
 * The app's one data model, on the database DATABASE_URL names. Prisma generates a client per
 * provider (prisma/schema.prisma and its generated twin prisma/postgres/schema.prisma); their
 * models are identical, so the PostgreSQL client is used through the same type.
 */
function openDatabase(): DatabaseHandle {
  const { DATABASE_URL } = getEnv();
  if (databaseKind(DATABASE_URL) === "postgresql") {
    const client = new PostgresPrismaClient({
      adapter: new PrismaPg({ connectionString: DATABASE_URL, max: 10 }),
      omit,
    });
    return { client: client as unknown as Database };
  }
  enableWriteAheadLog(DATABASE_URL);
  const gate = new TransactionGate();
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
 * other requests' queries out of the transaction (see transaction-gate.ts).
 */
export function inTransaction<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const { client, gate } = handle();
  const run = () => client.$transaction(work);
  return gate ? gate.transaction(run) : run();
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
