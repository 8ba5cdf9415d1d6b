import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

export interface TestDatabase {
  dir: string;
  file: string;
  /** `file:<absolute path>`, for DATABASE_URL. */
  url: string;
  remove(): void;
}

/** A fresh SQLite file in its own temp folder with every Prisma migration applied, in order. */
export function createTestDatabase(): TestDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "credentials-it-"));
  const file = path.join(dir, "test.db");
  const migrations = fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.join(MIGRATIONS_DIR, entry.name, "migration.sql"))
    .filter((sqlFile) => fs.existsSync(sqlFile))
    .sort();
  if (migrations.length === 0) throw new Error(`No migrations found under ${MIGRATIONS_DIR}`);
  const db = new Database(file);
  try {
    for (const sqlFile of migrations) db.exec(fs.readFileSync(sqlFile, "utf8"));
  } finally {
    db.close();
  }
  return { dir, file, url: `file:${file}`, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Every row of the Credential table, all columns, read without Prisma. */
export function readCredentialRows(file: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM "Credential"').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Every row of the Connection table, all columns, read without Prisma. */
export function readConnectionRows(file: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM "Connection" ORDER BY "kind", "name"').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/** Every row of the CredentialEvent table, all columns, read without Prisma. */
export function readCredentialEventRows(file: string): Record<string, unknown>[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT * FROM "CredentialEvent"').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

/**
 * Runs one write statement on its own better-sqlite3 connection (foreign keys enforced, as
 * better-sqlite3 does by default), bypassing Prisma: for rows the app would never write itself.
 */
export function runSql(file: string, sql: string, ...params: unknown[]): Database.RunResult {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("foreign_keys = ON");
    return db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

/** The database file and any journal beside it, as raw bytes. */
export function readDatabaseBytes(file: string): Buffer {
  const parts = [file, `${file}-wal`, `${file}-journal`, `${file}-shm`].filter((candidate) => fs.existsSync(candidate));
  return Buffer.concat(parts.map((part) => fs.readFileSync(part)));
}

/** A test key ring in CREDENTIAL_ENCRYPTION_KEYS form: active key first, then an older one. */
export function generateKeyRingText(): string {
  return `it-active:${randomBytes(32).toString("base64")},it-old:${randomBytes(32).toString("base64")}`;
}

/** The request context services take (who is asking, for abuse limits); tests raise the limit. */
export const testRequest = { clientKey: "integration-tests" };
