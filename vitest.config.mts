import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
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
