import fs from "node:fs";
import path from "node:path";

/** The embedded default: one SQLite file under ./data/. */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

export type DatabaseKind = "sqlite" | "postgresql";

/** `postgres://` or `postgresql://` selects PostgreSQL; `file:` (or nothing) the embedded SQLite file. */
export function databaseKind(databaseUrl: string | undefined): DatabaseKind {
  return /^postgres(ql)?:\/\//i.test(databaseUrl?.trim() ?? "") ? "postgresql" : "sqlite";
}

/**
 * Turns DATABASE_URL (unset, `file:relative`, or `file:/absolute`) into an absolute file path and
 * makes sure its folder exists (created owner-only). Relative paths are taken from the project root (the process's
 * working directory), like Prisma does for `file:` URLs.
 */
export function resolveSqlitePath(databaseUrl: string | undefined): string {
  const url = databaseUrl?.trim() || DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a SQLite "file:" URL (for example ${DEFAULT_DATABASE_URL}) or a postgresql:// URL; got one starting "${url.slice(0, 12)}".`,
    );
  }
  const filePath = path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.slice("file:".length));
  // Owner-only: the folder holds the database and, by default, the encryption key file.
  fs.mkdirSync(path.dirname(filePath), { recursive: true, mode: 0o700 });
  return filePath;
}

/**
 * A PostgreSQL URL as separate connection fields. The migration adapter is given these rather
 * than the URL (its URL form is what fails offline; see ../shared/STACK.md).
 */
export function postgresConnectionFields(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? undefined;
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
    ...(schema ? { schema } : {}),
  };
}
