import "server-only";

import fs from "node:fs";
import path from "node:path";

import { LOCAL_KEY_FILE_NAME, localKeyFilePath } from "@/lib/config/encryption-keys";
import { getEnv } from "@/lib/config/env";
import { databaseKind, resolveSqlitePath } from "@/lib/config/startup-rules.mjs";

import { readCounts, readCredentialsPerKeyId, readMigrations } from "./database-facts";
import {
  describeFile,
  MANIFEST_FORMAT,
  POSTGRES_BACKUP_FILE,
  SQLITE_BACKUP_FILE,
  writeManifest,
  type BackupManifest,
} from "./manifest";
import { BackupError, backupMessages } from "./messages";
import { dumpPostgres } from "./postgres";
import { openSqliteReader, type SqlReader } from "./sql-reader";
import { backUpSqliteFile } from "./sqlite";

export interface BackupReport {
  folder: string;
  manifest: BackupManifest;
  /** Whether manifest.sig was written (BACKUP_SIGNING_KEY set). */
  signed: boolean;
}

/**
 * `npm run db:backup -- <folder>`: a consistent copy of the database DATABASE_URL names, taken
 * while the app keeps serving, plus the embedded default's key file, and a manifest written last
 * (signed when BACKUP_SIGNING_KEY is set: see signature.ts).
 */
export async function backUpDatabase(folderArgument: string): Promise<BackupReport> {
  const { DATABASE_URL, CREDENTIAL_ENCRYPTION_KEYS, BACKUP_SIGNING_KEY } = getEnv();
  const kind = databaseKind(DATABASE_URL);
  const folder = prepareEmptyFolder(folderArgument);

  const readFacts = async (reader: SqlReader) => ({
    counts: await readCounts(reader),
    credentialsPerKeyId: await readCredentialsPerKeyId(reader),
    migrations: await readMigrations(reader),
  });

  let facts: Awaited<ReturnType<typeof readFacts>>;
  const fileNames: string[] = [];
  let tool: string;
  if (kind === "sqlite") {
    const source = resolveSqlitePath(DATABASE_URL);
    if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source} (DATABASE_URL).`);
    const copy = path.join(folder, SQLITE_BACKUP_FILE);
    await backUpSqliteFile(source, copy);
    fileNames.push(SQLITE_BACKUP_FILE);
    tool = "SQLite online backup";
    const reader = openSqliteReader(copy);
    try {
      facts = await readFacts(reader);
    } finally {
      await reader.close();
    }
  } else {
    facts = await dumpPostgres(DATABASE_URL, path.join(folder, POSTGRES_BACKUP_FILE), readFacts);
    fileNames.push(POSTGRES_BACKUP_FILE);
    tool = "pg_dump (custom format)";
  }

  // The embedded default keeps its encryption key in a file beside the database: without it the
  // copy's tokens are unreadable, so it goes into the backup too.
  const usesKeyFile = kind === "sqlite" && !CREDENTIAL_ENCRYPTION_KEYS;
  if (usesKeyFile) {
    const keyFile = localKeyFilePath(DATABASE_URL);
    if (fs.existsSync(keyFile)) {
      fs.copyFileSync(keyFile, path.join(folder, LOCAL_KEY_FILE_NAME));
      fs.chmodSync(path.join(folder, LOCAL_KEY_FILE_NAME), 0o600);
      fileNames.push(LOCAL_KEY_FILE_NAME);
    } else if (facts.counts.credentials > 0) {
      throw new BackupError(backupMessages.noKeyFile(keyFile));
    }
  }

  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    createdAt: new Date().toISOString(),
    app: appVersion(),
    database: { kind, tool },
    migrations: facts.migrations,
    counts: facts.counts,
    credentialsPerKeyId: facts.credentialsPerKeyId,
    encryptionKeys: fileNames.includes(LOCAL_KEY_FILE_NAME)
      ? "key file in this backup"
      : "CREDENTIAL_ENCRYPTION_KEYS (not in this backup)",
    files: fileNames.map((name) => describeFile(folder, name)),
  };
  writeManifest(folder, manifest, BACKUP_SIGNING_KEY);
  return { folder, manifest, signed: Boolean(BACKUP_SIGNING_KEY) };
}

/** The folder, created owner-only (it will hold names, emails, sealed tokens and maybe the key); refused if it holds anything. */
function prepareEmptyFolder(folderArgument: string): string {
  const folder = path.resolve(folderArgument);
  if (fs.existsSync(folder) && fs.readdirSync(folder).length > 0)
    throw new BackupError(backupMessages.folderNotEmpty(folder));
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
  return folder;
}

function appVersion(): BackupManifest["app"] {
  // npm runs scripts from the project root.
  const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), "package.json"), "utf8")) as {
    name: string;
    version: string;
  };
  return { name: pkg.name, version: pkg.version };
}
