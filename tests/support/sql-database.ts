import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

import { databaseKind, resolveSqlitePath, type DatabaseKind } from "../../lib/config/startup-rules.mjs";

/**
 * The app's database read and written by tests directly, without Prisma: to check what was
 * stored, or to make changes the app would never make itself. Shared by the integration tests
 * (tests/integration/test-database.ts) and the browser tests (e2e/support/database.ts).
 *
 * One SQL text serves both databases: write `?` placeholders (turned into `$1, $2…` for
 * PostgreSQL here, so never put a literal `?` in the SQL) and double-quote identifiers exactly as
 * prisma/schema.prisma names them ("Credential", "secretKeyId").
 */
export interface SqlDatabase {
  kind: DatabaseKind;
  /** The DATABASE_URL this database answers to. */
  url: string;
  /** Rows of a query. PostgreSQL timestamps come back as Dates, SQLite's as Prisma stored them. */
  queryRows<Row = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<Row[]>;
  /** Runs one statement (foreign keys enforced); returns how many rows it changed. */
  execute(sql: string, ...params: unknown[]): Promise<number>;
  /** The names of the app's tables (those Prisma's migrations made). */
  tableNames(): Promise<string[]>;
  /**
   * Every byte the database has on disk: the SQLite file with its WAL and journal, or, after a
   * CHECKPOINT, every file of the PostgreSQL cluster in POSTGRES_DATA_DIR (WAL included).
   */
  databaseBytes(): Promise<Buffer>;
  /** Closes what this object holds open (PostgreSQL connections); it can be used again after. */
  close(): Promise<void>;
}

export function openSqlDatabase(url: string): SqlDatabase {
  return databaseKind(url) === "postgresql" ? openPostgres(url) : openSqlite(url);
}

function openSqlite(url: string): SqlDatabase {
  const file = resolveSqlitePath(url);
  const connect = <T>(options: Database.Options, run: (db: Database.Database) => T): T => {
    const db = new Database(file, { fileMustExist: true, ...options });
    try {
      return run(db);
    } finally {
      db.close();
    }
  };
  const queryRows = async <Row>(sql: string, ...params: unknown[]) =>
    connect({ readonly: true }, (db) => db.prepare(sql).all(...params) as Row[]);
  return {
    kind: "sqlite",
    url,
    queryRows,
    execute: async (sql, ...params) =>
      connect({}, (db) => {
        db.pragma("busy_timeout = 5000");
        db.pragma("foreign_keys = ON");
        return db.prepare(sql).run(...params).changes;
      }),
    tableNames: async () =>
      (
        await queryRows<{ name: string }>(
          `SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" <> '_prisma_migrations' ORDER BY "name"`,
        )
      ).map((row) => row.name),
    databaseBytes: async () => Buffer.concat(readFiles([file, `${file}-wal`, `${file}-journal`, `${file}-shm`])),
    close: async () => undefined,
  };
}

// Prisma keeps DateTime in `timestamp without time zone` columns as UTC; read and write them so too.
const TIMESTAMP_OID = 1114;
const postgresTypes = {
  getTypeParser: ((oid: number, format?: "text") =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const toPostgresParam = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/** `?` placeholders as PostgreSQL's numbered `$1, $2…`. */
function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

function openPostgres(url: string): SqlDatabase {
  // A small pool, kept between calls (a test may query thousands of times); idle connections do
  // not keep the process alive.
  let pool: pg.Pool | undefined;
  const query = (sql: string, params: unknown[]) => {
    if (!pool) {
      pool = new pg.Pool({ connectionString: url, max: 2, allowExitOnIdle: true, types: postgresTypes });
      // An idle connection ended by the server (the database being dropped after the tests) is
      // not a test failure; without a listener, pg would throw it as an uncaught exception.
      pool.on("error", () => undefined);
    }
    return pool.query(toPostgresPlaceholders(sql), params.map(toPostgresParam));
  };
  const queryRows = async <Row>(sql: string, ...params: unknown[]) => (await query(sql, params)).rows as Row[];
  return {
    kind: "postgresql",
    url,
    queryRows,
    execute: async (sql, ...params) => (await query(sql, params)).rowCount ?? 0,
    tableNames: async () =>
      (
        await queryRows<{ table_name: string }>(
          `SELECT "table_name" FROM "information_schema"."tables" WHERE "table_schema" = current_schema() AND "table_type" = 'BASE TABLE' AND "table_name" <> '_prisma_migrations' ORDER BY "table_name"`,
        )
      ).map((row) => row.table_name),
    databaseBytes: async () => {
      const dataDir = process.env.POSTGRES_DATA_DIR;
      if (!dataDir)
        throw new Error("POSTGRES_DATA_DIR is not set: run PostgreSQL tests through scripts/with-postgres.mjs");
      // Flush shared buffers so the table files hold what was written.
      await query("CHECKPOINT", []);
      return Buffer.concat(readFiles(listFiles(dataDir)));
    },
    close: async () => {
      const open = pool;
      pool = undefined;
      await open?.end();
    },
  };
}

// A file or folder that is missing, or vanishes meanwhile (the cluster recycles WAL segments, other
// test files drop their databases), is skipped.
function unlessMissing<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

function listFiles(dir: string): string[] {
  return unlessMissing(() => fs.readdirSync(dir, { withFileTypes: true })).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

function readFiles(files: string[]): Buffer[] {
  return files.flatMap((file) => unlessMissing(() => [fs.readFileSync(file)]));
}
