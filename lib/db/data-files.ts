import "server-only";

import fs from "node:fs";
import path from "node:path";

import { getEnv } from "@/lib/config/env";
import { databaseKind, OWNER_ONLY_FILE, OWNER_ONLY_FOLDER, resolveSqlitePath } from "@/lib/config/startup-rules.mjs";

/**
 * Creates the SQLite database file owner-only if it does not exist yet (SQLite itself would create
 * it with the umask's mode, usually readable by everyone). SQLite gives the -wal and -shm files it
 * creates beside it the database file's mode.
 */
export function createDatabaseFileOwnerOnly(filePath: string): void {
  try {
    fs.closeSync(fs.openSync(filePath, "wx", OWNER_ONLY_FILE));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}

/** The data folder, the database and its -wal/-shm/-journal files, where other users can read or enter them. */
export function findLooseDataFiles(databasePath: string): { path: string; mode: number; wanted: number }[] {
  const folder = path.dirname(databasePath);
  const candidates: [string, number][] = [
    [folder, OWNER_ONLY_FOLDER],
    ...["", "-wal", "-shm", "-journal"].map((suffix): [string, number] => [
      `${databasePath}${suffix}`,
      OWNER_ONLY_FILE,
    ]),
  ];
  return candidates.flatMap(([target, wanted]) => {
    let mode: number;
    try {
      mode = fs.statSync(target).mode & 0o777;
    } catch {
      return []; // not there (yet): nothing to read
    }
    return mode & 0o077 ? [{ path: target, mode, wanted }] : [];
  });
}

/**
 * At start-up, with the embedded database: warns (by path, with the command that fixes it) about
 * any of its files other users can read. A warning, not a refusal: an install from before they
 * were created owner-only keeps working until someone runs the command.
 */
export function warnAboutLooseDataFiles(): void {
  const { DATABASE_URL } = getEnv();
  if (databaseKind(DATABASE_URL) !== "sqlite") return;
  const loose = findLooseDataFiles(resolveSqlitePath(DATABASE_URL));
  if (loose.length === 0) return;
  const listed = loose.map((file) => `${file.path} (mode ${file.mode.toString(8)})`).join(", ");
  const fixes = loose.map((file) => `chmod ${file.wanted.toString(8)} ${file.path}`).join("; ");
  console.warn(
    `[data] The database's folder or files are readable by other users of this machine, and hold names, emails and encrypted tokens: ${listed}. Run: ${fixes}`,
  );
}
