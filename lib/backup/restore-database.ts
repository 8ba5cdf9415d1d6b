import "server-only";

import fs from "node:fs";
import path from "node:path";

import { LOCAL_KEY_FILE_NAME, localKeyFilePath } from "@/lib/config/encryption-keys";
import { getEnv } from "@/lib/config/env";
import { databaseKind, resolveSqlitePath } from "@/lib/config/startup-rules.mjs";
import { createDatabaseFileOwnerOnly } from "@/lib/db/data-files";

import { checkRestoredDatabase, type RestoreCheck } from "./check-restored";
import { countAppRows } from "./database-facts";
import { POSTGRES_BACKUP_FILE, readVerifiedManifest, SQLITE_BACKUP_FILE, type BackupManifest } from "./manifest";
import { BackupError, backupMessages } from "./messages";
import { restorePostgres } from "./postgres";
import type { SignatureState } from "./signature";
import { openPostgresReader, openSqliteReader, postgresConnection, type SqlReader } from "./sql-reader";
import { restoreSqliteFile } from "./sqlite";

export interface RestoreReport {
  manifest: BackupManifest;
  /** Whether the manifest's signature was checked (BACKUP_SIGNING_KEY), present unchecked, or absent. */
  signature: SignatureState;
  /** Where it went: the SQLite file, or PostgreSQL's URL without its password. */
  target: string;
  keyFile?: { restoredTo: string; previousKeptAt?: string };
  checks: RestoreCheck[];
  ok: boolean;
}

/**
 * `npm run db:restore -- <folder> [--force]`: the backup into the database DATABASE_URL names (and
 * the key file beside it for the embedded default), refused when that database holds any row
 * unless `force`; then checked (see check-restored.ts). Nothing is written before the manifest,
 * its signature and every file it lists pass (manifest.ts).
 */
export async function restoreDatabase(folderArgument: string, options: { force: boolean }): Promise<RestoreReport> {
  const folder = path.resolve(folderArgument);
  const { DATABASE_URL, BACKUP_SIGNING_KEY } = getEnv();
  const { manifest, signature } = readVerifiedManifest(folder, BACKUP_SIGNING_KEY);
  const kind = databaseKind(DATABASE_URL);
  if (manifest.database.kind !== kind) throw new BackupError(backupMessages.wrongKind(manifest.database.kind, kind));

  const target =
    kind === "sqlite" ? resolveSqlitePath(DATABASE_URL) : postgresConnection(DATABASE_URL).urlWithoutPassword;
  const rows = await rowsAt(kind, DATABASE_URL);
  if (rows > 0 && !options.force) throw new BackupError(backupMessages.targetNotEmpty(target, rows));

  let keyFile: RestoreReport["keyFile"];
  if (kind === "sqlite") {
    createDatabaseFileOwnerOnly(target);
    await restoreSqliteFile(path.join(folder, SQLITE_BACKUP_FILE), target);
    if (manifest.files.some((file) => file.name === LOCAL_KEY_FILE_NAME))
      keyFile = restoreKeyFile(path.join(folder, LOCAL_KEY_FILE_NAME), localKeyFilePath(DATABASE_URL));
  } else {
    await restorePostgres(DATABASE_URL, path.join(folder, POSTGRES_BACKUP_FILE));
  }

  const reader = await openReader(kind, DATABASE_URL);
  try {
    const checks = await checkRestoredDatabase(reader, manifest);
    return { manifest, signature, target, keyFile, checks, ok: checks.every((check) => check.ok) };
  } finally {
    await reader.close();
  }
}

function openReader(kind: SqlReader["kind"], databaseUrl: string): Promise<SqlReader> {
  return kind === "sqlite"
    ? Promise.resolve(openSqliteReader(resolveSqlitePath(databaseUrl)))
    : openPostgresReader(databaseUrl);
}

async function rowsAt(kind: SqlReader["kind"], databaseUrl: string): Promise<number> {
  if (kind === "sqlite") {
    const file = resolveSqlitePath(databaseUrl);
    if (!fs.existsSync(file) || fs.statSync(file).size === 0) return 0;
  }
  const reader = await openReader(kind, databaseUrl);
  try {
    return await countAppRows(reader);
  } finally {
    await reader.close();
  }
}

/**
 * The backup's key file beside the restored database. A different key file already there is
 * kept under another name, never deleted: it may be the only copy of a key something else needs.
 */
function restoreKeyFile(source: string, destination: string): NonNullable<RestoreReport["keyFile"]> {
  const content = fs.readFileSync(source);
  let previousKeptAt: string | undefined;
  if (fs.existsSync(destination)) {
    if (fs.readFileSync(destination).equals(content)) return { restoredTo: destination };
    previousKeptAt = `${destination}.replaced-${new Date().toISOString().replaceAll(":", "-")}`;
    fs.renameSync(destination, previousKeptAt);
  }
  fs.writeFileSync(destination, content, { flag: "wx", mode: 0o600 });
  return { restoredTo: destination, previousKeptAt };
}
