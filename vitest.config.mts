import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

import { vitestInclude } from "./tests/support/postgres-pass.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      // `server-only` throws when imported outside React Server Components; tests run plain Node.
      { find: /^server-only$/, replacement: path.join(root, "tests/support/empty-module.ts") },
      { find: /^@\//, replacement: `${root}/` },
    ],
  },
  test: {
    environment: "node",
    // On PostgreSQL (`npm run test:unit:postgres`) only the files that use the database under test:
    // the others passed on the SQLite run already (tests/support/postgres-pass.mjs).
    include: vitestInclude(process.env),
    exclude: ["e2e/**", "node_modules/**"],
    // Each test file gets its own process, so module caches (env, key ring, Prisma client) never leak.
    pool: "forks",
    isolate: true,
    restoreMocks: true,
    // Processed by Vitest rather than loaded natively, so a test's vi.mock("next/headers") also
    // reaches Better Auth's own import of it (its Next.js cookie plugin).
    server: { deps: { inline: ["better-auth"] } },
  },
});
