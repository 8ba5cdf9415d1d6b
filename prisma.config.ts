import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg as PrismaPgForMigrations } from "prisma-adapter-pg-migrate";
import { defineConfig } from "prisma/config";

import { databaseKind, postgresConnectionFields, resolveSqlitePath } from "./lib/config/startup-rules.mjs";

// Prisma 6.19's CLI can only migrate offline through its Wasm schema engine, which needs a
// driver adapter (see ../shared/STACK.md). DATABASE_URL picks the database, and with it the
// schema and migrations folder: prisma/ for SQLite, prisma/postgres/ for PostgreSQL. For
// PostgreSQL the CLI uses adapter-pg 7.x (an npm alias): 6.19's fails to migrate.
const databaseUrl = process.env.DATABASE_URL;
const postgres = databaseKind(databaseUrl) === "postgresql";

export default defineConfig({
  schema: postgres ? path.join("prisma", "postgres", "schema.prisma") : path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    if (postgres) {
      const { schema, ...connection } = postgresConnectionFields(databaseUrl!);
      return new PrismaPgForMigrations(connection, schema ? { schema } : undefined) as never;
    }
    return new PrismaBetterSQLite3({ url: resolveSqlitePath(databaseUrl) });
  },
});
