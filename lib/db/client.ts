import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { getEnv } from "@/lib/config/env";
import { databaseKind, resolveSqlitePath } from "./database-url";

// Ciphertext is loaded only where a query asks for it by name (see lib/credentials/secret.ts).
const omit = { credential: { secretCiphertext: true } } as const;

function createSqliteClient(databaseUrl: string) {
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: resolveSqlitePath(databaseUrl) }), omit });
}

export type Database = ReturnType<typeof createSqliteClient>;

/**
 * The app's one data model, on the database DATABASE_URL names. Prisma generates a client per
 * provider (prisma/schema.prisma and its generated twin prisma/postgres/schema.prisma); their
 * models are identical, so the PostgreSQL client is used through the same type.
 */
function createPrismaClient(): Database {
  const { DATABASE_URL } = getEnv();
  if (databaseKind(DATABASE_URL) === "postgresql") {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL, max: 10 }), omit });
    return client as unknown as Database;
  }
  return createSqliteClient(DATABASE_URL);
}

// One client per process; Next's dev server reloads modules, so keep it on globalThis there.
const globalForPrisma = globalThis as unknown as { prisma?: Database };

export function getDb(): Database {
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}
