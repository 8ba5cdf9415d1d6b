import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEnv } from "@/lib/config/env";
import { resolveSqlitePath } from "./database-url";

function createPrismaClient() {
  const adapter = new PrismaBetterSQLite3({ url: resolveSqlitePath(getEnv().DATABASE_URL) });
  return new PrismaClient({
    adapter,
    // Ciphertext is loaded only where a query asks for it by name (see lib/credentials/service.ts).
    omit: { credential: { secretCiphertext: true } },
  });
}

export type Database = ReturnType<typeof createPrismaClient>;

// One client per process; Next's dev server reloads modules, so keep it on globalThis there.
const globalForPrisma = globalThis as unknown as { prisma?: Database };

export function getDb(): Database {
  globalForPrisma.prisma ??= createPrismaClient();
  return globalForPrisma.prisma;
}
