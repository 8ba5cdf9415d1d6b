import fs from "node:fs";
import Database from "better-sqlite3";

import { BackupError, backupMessages } from "./messages";

// All pages in one step: a step copies from a single read transaction, so the copy is one
// consistent moment of the database, WAL included. In WAL mode that read does not block the app's
// writers; copying 100 pages per step instead would restart whenever the app wrote in between,
// and might never finish under steady saves.
const ALL_REMAINING_PAGES = 0x7fffffff;

/**
 * SQLite's online backup of a live database into `destination` (a new file), then the copy made a
 * single self-contained file (rollback journal mode, so no -wal beside it) and integrity-checked.
 */
export async function backUpSqliteFile(source: string, destination: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    await db.backup(destination, { progress: () => ALL_REMAINING_PAGES });
  } finally {
    db.close();
  }
  fs.chmodSync(destination, 0o600);
  const copy = new Database(destination, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
    const result = copy.pragma("quick_check", { simple: true });
    if (result !== "ok") throw new BackupError(backupMessages.integrityFailed(String(result)));
  } finally {
    copy.close();
  }
}

/**
 * Writes a backup file into the database at `target` through SQLite's backup API, not a file copy:
 * an existing database's -wal and -shm are then updated with it, never left stale beside it.
 */
export async function restoreSqliteFile(backupFile: string, target: string): Promise<void> {
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target, { progress: () => ALL_REMAINING_PAGES });
  } finally {
    source.close();
  }
}
