import fs from "node:fs";
import path from "node:path";

/** The embedded default: one SQLite file under ./data/. */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

/**
 * Turns DATABASE_URL (unset, `file:relative`, or `file:/absolute`) into an absolute file path and
 * makes sure its folder exists. Relative paths are taken from the project root (the process's
 * working directory), like Prisma does for `file:` URLs.
 */
export function resolveSqlitePath(databaseUrl: string | undefined): string {
  const url = databaseUrl?.trim() || DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a SQLite "file:" URL (for example ${DEFAULT_DATABASE_URL}); got a URL starting "${url.slice(0, 12)}".`,
    );
  }
  const filePath = path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.slice("file:".length));
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  return filePath;
}
