// Used by server/start.mjs: brings the database up to date without starting the Prisma CLI, whose
// start alone (about 3.5 s, a Wasm schema engine) was most of a cold start. Plain Node, since it
// runs before the app is loaded.
//
// It keeps Prisma's own bookkeeping, so `prisma migrate deploy` and `prisma migrate status` agree
// with it: the `_prisma_migrations` table with Prisma's columns, one row per migration folder,
// checksum = SHA-256 of migration.sql. SQLite is migrated here; PostgreSQL is only *checked* here
// (the CLI takes an advisory lock so that several instances starting together migrate once, and is
// still started when something is pending there).
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The migration folders of a kind, oldest first, with their SQL and Prisma's checksum of it. */
export function listMigrations(directory) {
  return fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(directory, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(directory, name, "migration.sql"));
      return { name, sql: sql.toString("utf8"), checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/**
 * What the database still needs: the migrations not yet applied, or `failed` naming a migration
 * Prisma recorded as started and never finished (it must be resolved by hand, as Prisma says).
 */
export function pendingMigrations(migrations, appliedRows) {
  const failed = appliedRows.find((row) => !row.finished_at && !row.rolled_back_at);
  if (failed) return { failed: failed.migration_name, pending: [] };
  const applied = new Set(appliedRows.filter((row) => row.finished_at).map((row) => row.migration_name));
  return { pending: migrations.filter((migration) => !applied.has(migration.name)) };
}

// Prisma's own table, as `prisma migrate deploy` creates it on SQLite.
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Prisma writes SQLite timestamps as ISO 8601 with an explicit offset: 2026-11-30T18:03:17.341+00:00. */
const prismaTimestamp = () => new Date().toISOString().replace("Z", "+00:00");

export class MigrationError extends Error {}

/**
 * Applies the pending migrations of `directory` to the SQLite file, each in its own transaction
 * with its bookkeeping row, so a failure leaves the database as the previous migration left it.
 * Resolves with the names applied (none when it was up to date).
 */
export async function migrateSqlite(file, directory, { busyTimeoutMs = 5_000 } = {}) {
  const migrations = listMigrations(directory);
  const { default: Database } = await import("better-sqlite3");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    // Prisma's scripts rebuild tables by copy, DROP and rename, and run with foreign keys off (as
    // its CLI does): with them on (better-sqlite3's default) a DROP would delete or refuse the rows
    // that refer to the old table. Inside a transaction the scripts' own PRAGMA foreign_keys lines
    // do nothing, so it is set here, and the keys are checked before each commit instead.
    db.pragma("foreign_keys = OFF");
    const tableExists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'");
    const rows = tableExists.get()
      ? db.prepare('SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"').all()
      : [];
    const { failed, pending } = pendingMigrations(migrations, rows);
    if (failed)
      throw new MigrationError(
        `The migration ${failed} failed earlier and was left half-applied. Resolve it as Prisma explains (npx prisma migrate status), then start again.`,
      );
    if (pending.length === 0) return [];
    db.exec(SQLITE_MIGRATIONS_TABLE);
    const record = db.prepare(
      'INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)',
    );
    for (const migration of pending) {
      const startedAt = prismaTimestamp();
      db.exec("BEGIN IMMEDIATE");
      try {
        db.exec(migration.sql);
        const broken = db.pragma("foreign_key_check");
        if (broken.length > 0)
          throw new MigrationError(`it leaves ${broken.length} row(s) pointing at rows that do not exist`);
        record.run(randomUUID(), migration.checksum, prismaTimestamp(), migration.name, startedAt);
        db.exec("COMMIT");
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        if (/^SQLITE_(BUSY|LOCKED)/.test(error?.code ?? "")) throw error; // the caller waits and retries
        throw new MigrationError(
          `The migration ${migration.name} could not be applied, and nothing of it was kept: ${error.message}`,
          { cause: error },
        );
      }
    }
    return pending.map((migration) => migration.name);
  } finally {
    db.close();
  }
}

/** Whether every migration of `directory` is recorded as applied in the PostgreSQL database. */
export async function postgresUpToDate(url, directory) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    const { rows: found } = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    if (!found[0].present) return false;
    const { rows } = await client.query("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations");
    const { failed, pending } = pendingMigrations(listMigrations(directory), rows);
    return !failed && pending.length === 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}
