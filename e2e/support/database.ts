import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Client } from "pg";
import { E2E } from "./e2e-env";

/**
 * The app's real database, read and written by tests directly (to check what was stored, or to
 * simulate another tab or process). Works on the embedded SQLite file and on PostgreSQL. SQL is
 * written with `?` placeholders and double-quoted identifiers, which both accept.
 */
export async function queryRows<Row>(sql: string, ...params: unknown[]): Promise<Row[]> {
  if (E2E.databaseKind === "sqlite") {
    const db = new Database(E2E.databaseFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as Row[];
    } finally {
      db.close();
    }
  }
  return withPostgres(async (client) => (await client.query(toPostgres(sql), params)).rows as Row[]);
}

/** Runs a write; returns how many rows it changed. */
export async function execute(sql: string, ...params: unknown[]): Promise<number> {
  if (E2E.databaseKind === "sqlite") {
    const db = new Database(E2E.databaseFile, { fileMustExist: true });
    try {
      db.pragma("busy_timeout = 5000");
      return db.prepare(sql).run(...params).changes;
    } finally {
      db.close();
    }
  }
  return withPostgres(async (client) => (await client.query(toPostgres(sql), params)).rowCount ?? 0);
}

/** Every byte the database has on disk: the SQLite file (+ WAL/journal), or the PostgreSQL cluster's files. */
export async function databaseBytes(): Promise<Buffer> {
  if (E2E.databaseKind === "sqlite") {
    const files = [E2E.databaseFile, `${E2E.databaseFile}-wal`, `${E2E.databaseFile}-journal`];
    return Buffer.concat(files.filter((file) => fs.existsSync(file)).map((file) => fs.readFileSync(file)));
  }
  const dataDir = process.env.POSTGRES_DATA_DIR;
  if (!dataDir) throw new Error("POSTGRES_DATA_DIR is not set: run PostgreSQL e2e tests through scripts/with-postgres.mjs");
  // Flush shared buffers so table files hold what was written.
  await withPostgres((client) => client.query("CHECKPOINT"));
  return Buffer.concat(listFiles(dataDir).map((file) => fs.readFileSync(file)));
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

function toPostgres(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

async function withPostgres<T>(run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: E2E.databaseUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
