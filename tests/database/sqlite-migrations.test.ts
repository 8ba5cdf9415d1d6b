import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";

// @ts-expect-error: plain-Node module of `npm start`, without types
import { listMigrations, migrateSqlite, MigrationError } from "../../server/migrations.mjs";

// `npm start` migrates the embedded SQLite database in-process (server/migrations.mjs) instead of
// starting the Prisma CLI. It must leave exactly what `prisma migrate deploy` leaves, keep Prisma's
// bookkeeping so the CLI agrees, keep the data through Prisma's table rebuilds, and apply nothing
// half-way.

const MIGRATIONS = path.resolve("prisma/migrations");
const folder = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-test-"));
afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

function prismaCli(file: string, ...args: string[]) {
  return spawnSync(path.resolve("node_modules/.bin/prisma"), args, {
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    encoding: "utf8",
  });
}

function schemaOf(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").all();
  } finally {
    db.close();
  }
}

function bookkeeping(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare(
        'SELECT migration_name, checksum, applied_steps_count, finished_at IS NOT NULL AS finished, rolled_back_at, logs FROM "_prisma_migrations" ORDER BY migration_name',
      )
      .all();
  } finally {
    db.close();
  }
}

/** A migrations folder holding the first `count` of the project's migrations (and optionally one more). */
function migrationsFolder(name: string, count: number, extra?: { name: string; sql: string }) {
  const directory = path.join(folder, name);
  for (const migration of listMigrations(MIGRATIONS).slice(0, count)) {
    fs.mkdirSync(path.join(directory, migration.name), { recursive: true });
    fs.writeFileSync(path.join(directory, migration.name, "migration.sql"), migration.sql);
  }
  if (extra) {
    fs.mkdirSync(path.join(directory, extra.name), { recursive: true });
    fs.writeFileSync(path.join(directory, extra.name, "migration.sql"), extra.sql);
  }
  return directory;
}

describe("the in-process SQLite migrations of npm start", () => {
  it("leave a fresh database as prisma migrate deploy does, with bookkeeping the CLI agrees with", () => {
    return (async () => {
      const ours = path.join(folder, "fresh", "ours.db");
      const theirs = path.join(folder, "fresh-cli", "theirs.db");
      const applied = await migrateSqlite(ours, MIGRATIONS);
      expect(applied).toEqual(listMigrations(MIGRATIONS).map((migration: { name: string }) => migration.name));

      const deployed = prismaCli(theirs, "migrate", "deploy");
      expect(deployed.status, deployed.stderr).toBe(0);
      expect(schemaOf(ours)).toEqual(schemaOf(theirs));
      expect(bookkeeping(ours)).toEqual(bookkeeping(theirs));

      // The CLI, asked about our database, has nothing to do.
      const status = prismaCli(ours, "migrate", "status");
      expect(status.stdout).toContain("Database schema is up to date");
      // And a second start applies nothing.
      expect(await migrateSqlite(ours, MIGRATIONS)).toEqual([]);
      // A database the CLI migrated is recognised as up to date too.
      expect(await migrateSqlite(theirs, MIGRATIONS)).toEqual([]);
    })();
  }, 60_000);

  it("keep the rows through a table rebuild that other tables refer to", async () => {
    // Prisma rebuilds a table by copy, DROP and rename between PRAGMA foreign_keys lines, which do
    // nothing inside a transaction: with foreign keys on, the DROP deletes the rows that refer to
    // the table with ON DELETE CASCADE.
    const file = path.join(folder, "rebuild", "app.db");
    const directory = path.join(folder, "rebuild-migrations");
    const write = (name: string, sql: string) => {
      fs.mkdirSync(path.join(directory, name), { recursive: true });
      fs.writeFileSync(path.join(directory, name, "migration.sql"), sql);
    };
    write(
      "20990101000000_tables",
      `CREATE TABLE "Parent" ("id" TEXT NOT NULL PRIMARY KEY);
CREATE TABLE "Child" ("id" TEXT NOT NULL PRIMARY KEY, "parentId" TEXT NOT NULL,
  CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
`,
    );
    await migrateSqlite(file, directory);
    const db = new Database(file);
    db.exec(`INSERT INTO "Parent" (id) VALUES ('p1'); INSERT INTO "Child" (id, "parentId") VALUES ('c1', 'p1');`);
    db.close();

    write(
      "20990102000000_rebuild_parent",
      `PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" TEXT NOT NULL PRIMARY KEY, "label" TEXT NOT NULL DEFAULT '');
INSERT INTO "new_Parent" ("id") SELECT "id" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`,
    );
    expect(await migrateSqlite(file, directory)).toEqual(["20990102000000_rebuild_parent"]);
    const after = new Database(file, { readonly: true });
    expect(after.prepare('SELECT id, label FROM "Parent"').all()).toEqual([{ id: "p1", label: "" }]);
    expect(after.prepare('SELECT id, "parentId" FROM "Child"').all()).toEqual([{ id: "c1", parentId: "p1" }]);
    after.close();
  });

  it("apply nothing of a migration that fails, and say which one", async () => {
    const file = path.join(folder, "broken", "app.db");
    const directory = migrationsFolder("with-broken", 2, {
      name: "20991231000000_broken",
      sql: 'CREATE TABLE "Half" (id TEXT PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN x TEXT;\n',
    });
    const error = await migrateSqlite(file, directory).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain(
      "20991231000000_broken could not be applied, and nothing of it was kept",
    );
    // The first two are in; the broken one left neither its table nor a bookkeeping row.
    const names = schemaOf(file).map((entry) => (entry as { name: string }).name);
    expect(names).toContain("Connection");
    expect(names).not.toContain("Half");
    expect(bookkeeping(file).map((row) => (row as { migration_name: string }).migration_name)).toEqual([
      "20261128000000_init",
      "20261128125656_connections",
    ]);
  });

  it("stop at a migration Prisma recorded as failed, pointing at prisma migrate status", async () => {
    const file = path.join(folder, "failed-earlier", "app.db");
    await migrateSqlite(file, migrationsFolder("first-one", 1));
    const db = new Database(file);
    db.prepare('UPDATE "_prisma_migrations" SET finished_at = NULL').run();
    db.close();
    await expect(migrateSqlite(file, MIGRATIONS)).rejects.toThrow(
      /20261128000000_init failed earlier.*npx prisma migrate status/,
    );
  });
});
