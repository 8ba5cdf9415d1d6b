import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { resolveSqlitePath } from "./lib/db/database-url";

// Prisma 6.19's CLI can only migrate offline through its Wasm schema engine, which needs a
// driver adapter (see ../shared/STACK.md).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    return new PrismaBetterSQLite3({ url: resolveSqlitePath(process.env.DATABASE_URL) });
  },
});
