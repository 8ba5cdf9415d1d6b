import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

import { postgresPassFiles, SQLITE_ONLY_FILES, testFilesUnderTests, vitestInclude } from "../support/postgres-pass.mjs";

// The PostgreSQL pass runs only the files that use the database under test (tests/support/postgres-pass.mjs).
// A file that opens a database some other way would be left out of it without anyone deciding so:
// it must either use the database under test or be named as SQLite-only, with the reason.

/** What a test file imports or names when it opens a database, whichever. */
const OPENS_A_DATABASE =
  /from "(better-sqlite3|pg)"|import\("(better-sqlite3|pg)"\)|@\/lib\/db\/|\.\/(setup|test-database)"|support\/sql-database"/;

describe("the PostgreSQL pass of tests/", () => {
  const all = testFilesUnderTests();
  const selected = postgresPassFiles();

  it("runs every file that opens a database, except the SQLite-only ones named with their reason", () => {
    const leftOut = all
      .filter((file) => OPENS_A_DATABASE.test(readFileSync(file, "utf8")))
      .filter((file) => !selected.includes(file) && !(file in SQLITE_ONLY_FILES));
    expect(leftOut).toEqual([]);
  });

  it("names as SQLite-only only files that exist and that the pass would not run anyway", () => {
    for (const file of Object.keys(SQLITE_ONLY_FILES)) {
      expect(all, file).toContain(file);
      expect(selected, file).not.toContain(file);
    }
  });

  it("is what Vitest runs when TEST_DATABASE_URL names PostgreSQL, and leaves the SQLite run whole", () => {
    expect(vitestInclude({ TEST_DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/app_test" })).toEqual(selected);
    expect(vitestInclude({})).toEqual(["lib/**/*.test.ts", "tests/**/*.test.ts"]);
    expect(selected.length).toBeGreaterThan(20);
    expect(selected.length).toBeLessThan(all.length);
  });
});
