import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

import type { Person } from "@/lib/auth/person";
import { databaseKind } from "@/lib/config/startup-rules.mjs";

import { openSqlDatabase, type SqlDatabase } from "../support/sql-database";

const ROOT = path.resolve(__dirname, "../..");

/**
 * Which database the integration tests run on: PostgreSQL when TEST_DATABASE_URL names one (as
 * scripts/with-postgres.mjs sets it: `npm run test:unit:postgres`), otherwise SQLite.
 */
export const testDatabaseKind = databaseKind(process.env.TEST_DATABASE_URL);

export interface TestDatabase extends SqlDatabase {
  /** Deletes the database. */
  remove(): Promise<void>;
}

/**
 * A fresh, empty database of the kind under test with every committed migration applied, in
 * order: a SQLite file in its own temp folder, or a PostgreSQL database of its own in the cluster
 * POSTGRES_ADMIN_URL names.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await (testDatabaseKind === "postgresql" ? createPostgresDatabase() : createSqliteDatabase());
  // The person testCaller acts as: credentials and endpoints need an owner.
  const now = new Date().toISOString();
  await database.execute(
    'INSERT INTO "User" (id, name, email, role, "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)',
    TEST_ADMIN.id,
    TEST_ADMIN.name,
    TEST_ADMIN.email,
    TEST_ADMIN.role,
    now,
    now,
  );
  return database;
}

/** The signed-in person the integration tests act as (the admin, created in every test database). */
export const TEST_ADMIN = {
  id: "integration-admin",
  name: "Integration Admin",
  email: "admin@integration.test",
  role: "admin" as const,
} satisfies Person;

function migrationScripts(dir: string): string[] {
  const migrationsDir = path.join(ROOT, dir);
  const scripts = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(migrationsDir, entry.name, "migration.sql"))
    .filter((sqlFile) => fs.existsSync(sqlFile))
    .sort()
    .map((sqlFile) => fs.readFileSync(sqlFile, "utf8"));
  if (scripts.length === 0) throw new Error(`No migrations found under ${migrationsDir}`);
  return scripts;
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "credentials-it-"));
  const file = path.join(dir, "test.db");
  const db = new Database(file);
  try {
    for (const script of migrationScripts("prisma/migrations")) db.exec(script);
  } finally {
    db.close();
  }
  const database = openSqlDatabase(`file:${file}`);
  return { ...database, remove: async () => fs.rmSync(dir, { recursive: true, force: true }) };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.POSTGRES_ADMIN_URL;
  if (!adminUrl)
    throw new Error(
      "POSTGRES_ADMIN_URL is not set: run the PostgreSQL integration tests through scripts/with-postgres.mjs (npm run test:unit:postgres)",
    );
  const name = `it_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  // The scripts go as they are, several statements each, on a plain connection.
  await withClient(url.toString(), async (client) => {
    for (const script of migrationScripts("prisma/postgres/migrations")) await client.query(script);
  });
  const database = openSqlDatabase(url.toString());
  return {
    ...database,
    remove: async () => {
      await database.close();
      await withClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
