import Database from "better-sqlite3";
import pg from "pg";

import type { DatabaseKind } from "@/lib/config/startup-rules.mjs";

/**
 * Plain SQL reads on either database, for backup and restore: they read a backup copy or a
 * restored database directly, not the app's Prisma client (which always opens DATABASE_URL's).
 */
export interface SqlReader {
  kind: DatabaseKind;
  query<Row = Record<string, unknown>>(sql: string): Promise<Row[]>;
  /** The app's tables: every table except SQLite's own and Prisma's migration record. */
  appTableNames(): Promise<string[]>;
  close(): Promise<void>;
}

export function openSqliteReader(file: string): SqlReader {
  const db = new Database(file, { fileMustExist: true });
  // Another process (the app) may be checkpointing or writing: wait for it, briefly.
  db.pragma("busy_timeout = 5000");
  const query = async <Row>(sql: string) => db.prepare(sql).all() as Row[];
  return {
    kind: "sqlite",
    query,
    appTableNames: async () =>
      (
        await query<{ name: string }>(
          `SELECT "name" FROM "sqlite_master" WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" <> '_prisma_migrations' ORDER BY "name"`,
        )
      ).map((row) => row.name),
    close: async () => void db.close(),
  };
}

/** Connection settings for node-postgres and the pg_* tools: the URL without Prisma's `schema` parameter, which libpq refuses. */
export function postgresConnection(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  const password = decodeURIComponent(url.password);
  url.password = "";
  // The password travels in PGPASSWORD, never on a command line other users can list.
  return { urlWithoutPassword: url.toString(), password, schema };
}

export async function openPostgresReader(databaseUrl: string): Promise<SqlReader & { client: pg.Client }> {
  const { urlWithoutPassword, password, schema } = postgresConnection(databaseUrl);
  const client = new pg.Client({
    connectionString: urlWithoutPassword,
    password: password || undefined,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  await client.connect();
  const query = async <Row>(sql: string) => (await client.query(sql)).rows as Row[];
  return {
    kind: "postgresql",
    client,
    query,
    appTableNames: async () =>
      (
        await query<{ table_name: string }>(
          `SELECT "table_name" FROM "information_schema"."tables" WHERE "table_schema" = current_schema() AND "table_type" = 'BASE TABLE' AND "table_name" <> '_prisma_migrations' ORDER BY "table_name"`,
        )
      ).map((row) => row.table_name),
    close: () => client.end(),
  };
}
