import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// `npm run test:unit:postgres` runs the files of tests/ again on PostgreSQL. Only a file that runs
// on the database under test can prove anything new there; the rest (startup rules, worker counts,
// structure checks, SQLite-only checks) passed on the SQLite run already and would only repeat it.
// What puts a file in that pass is what makes it use the database under test, so a new database
// test joins by itself; tests/structure/postgres-pass.test.ts keeps this in step.
// (Plain .mjs: vitest.config.mts imports it, and Vite loads configs best without TypeScript imports.)

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** How a test file takes the database under test (tests/integration/setup.ts, test-database.ts). */
export const USES_DATABASE_UNDER_TEST =
  /\b(setUpIntegrationTests|createTestDatabase)\(|\btestDatabaseKind\b|process\.env\.(TEST_DATABASE_URL|POSTGRES_ADMIN_URL)\b/;

/**
 * Test files that open a database, but always a SQLite one of their own whatever the pass: on
 * PostgreSQL they would run the same SQLite checks again. Each with the reason.
 * @type {Record<string, string>}
 */
export const SQLITE_ONLY_FILES = {
  "tests/database/sqlite-migrations.test.ts": "applies the SQLite migrations to SQLite files of its own",
  "tests/integration/data-files.test.ts": "checks the embedded SQLite file's permissions, on a file of its own",
};

/**
 * Every test file under tests/, relative to the project root, sorted.
 * @returns {string[]}
 */
export function testFilesUnderTests() {
  /** @type {(folder: string) => string[]} */
  const walk = (folder) =>
    readdirSync(path.join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
      const file = path.posix.join(folder, entry.name);
      if (entry.isDirectory()) return walk(file);
      return entry.name.endsWith(".test.ts") ? [file] : [];
    });
  return walk("tests").sort();
}

/**
 * The test files the PostgreSQL pass runs: those that use the database under test.
 * @returns {string[]}
 */
export function postgresPassFiles() {
  return testFilesUnderTests().filter((file) =>
    USES_DATABASE_UNDER_TEST.test(readFileSync(path.join(ROOT, file), "utf8")),
  );
}

/**
 * Vitest's `include`: on PostgreSQL (TEST_DATABASE_URL, from scripts/with-postgres.mjs) that
 * pass's files, otherwise every test file.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function vitestInclude(env) {
  return env.TEST_DATABASE_URL?.startsWith("postgres")
    ? postgresPassFiles()
    : ["lib/**/*.test.ts", "tests/**/*.test.ts"];
}
