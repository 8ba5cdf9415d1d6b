import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { pgBossSchema } from "@/lib/alerts/pg-boss-schema";

import { BackupError, backupMessages } from "./messages";
import { openPostgresReader, postgresConnection, type SqlReader } from "./sql-reader";

/** A program on PATH, or undefined: pg_dump and pg_restore are optional (the PostgreSQL client package). */
export function findProgram(name: string, searchPath = process.env.PATH ?? ""): string | undefined {
  for (const folder of searchPath.split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(folder, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function run(program: string, args: string[], databaseUrl: string): Promise<void> {
  const { password } = postgresConnection(databaseUrl);
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new BackupError(backupMessages.toolFailed(path.basename(program), code, stderr))),
    );
  });
}

/**
 * pg_dump of the database, custom format, into `file`; `readFacts` reads the manifest's figures
 * in the very snapshot pg_dump copies (exported from a repeatable-read transaction held open
 * meanwhile), so counts and dump agree while the app keeps writing.
 */
export async function dumpPostgres<T>(
  databaseUrl: string,
  file: string,
  readFacts: (reader: SqlReader) => Promise<T>,
): Promise<T> {
  const pgDump = findProgram("pg_dump");
  if (!pgDump) throw new BackupError(backupMessages.pgDumpMissing(path.dirname(file)));
  const { urlWithoutPassword, schema } = postgresConnection(databaseUrl);
  const reader = await openPostgresReader(databaseUrl);
  try {
    await reader.query("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
    const [{ snapshot }] = await reader.query<{ snapshot: string }>("SELECT pg_export_snapshot() AS snapshot");
    const facts = await readFacts(reader);
    await run(
      pgDump,
      [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--snapshot=${snapshot}`,
        // pg-boss's schema (the delivery queue's wake-ups) is left out: the Delivery table is the
        // truth, and pending deliveries of a restored database are queued again at start.
        ...(schema ? [`--schema=${schema}`] : [`--exclude-schema=${pgBossSchema(databaseUrl)}`]),
        `--file=${file}`,
        `--dbname=${urlWithoutPassword}`,
      ],
      databaseUrl,
    );
    await reader.query("COMMIT");
    fs.chmodSync(file, 0o600);
    return facts;
  } finally {
    await reader.close();
  }
}

/** pg_restore of a dump into the database, replacing the app's tables, all in one transaction. */
export async function restorePostgres(databaseUrl: string, file: string): Promise<void> {
  const pgRestore = findProgram("pg_restore");
  if (!pgRestore) throw new BackupError(backupMessages.pgRestoreMissing(path.dirname(file)));
  const { urlWithoutPassword } = postgresConnection(databaseUrl);
  await run(
    pgRestore,
    [
      "--no-owner",
      "--no-privileges",
      "--clean",
      "--if-exists",
      "--single-transaction",
      "--exit-on-error",
      `--dbname=${urlWithoutPassword}`,
      file,
    ],
    databaseUrl,
  );
}
