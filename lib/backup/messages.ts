/** Every sentence `npm run db:backup` and `npm run db:restore` print. Never a token, never a password. */

/** A problem the operator must fix; the scripts print its message and exit 1. */
export class BackupError extends Error {
  override name = "BackupError";
}

export const backupMessages = {
  folderNotEmpty: (folder: string) =>
    `${folder} is not empty. Back up into a new or empty folder, so no earlier backup is overwritten.`,
  pgDumpMissing: (folder: string) =>
    `pg_dump was not found on this machine (looked in PATH). Install PostgreSQL's client programs, ` +
    `the server's major version or newer (Debian/Ubuntu: sudo apt-get install postgresql-client), and run this again. ` +
    `Or back up by hand: pg_dump --format=custom --no-owner --no-privileges --file=${folder}/database.dump "$DATABASE_URL" ` +
    `— and keep CREDENTIAL_ENCRYPTION_KEYS safe separately: without them the dump's tokens cannot be decrypted.`,
  pgRestoreMissing: (folder: string) =>
    `pg_restore was not found on this machine (looked in PATH). Install PostgreSQL's client programs ` +
    `(Debian/Ubuntu: sudo apt-get install postgresql-client) and run this again. ` +
    `Or restore by hand into an empty database: pg_restore --no-owner --no-privileges --clean --if-exists --single-transaction --dbname="$DATABASE_URL" ${folder}/database.dump`,
  toolFailed: (tool: string, exitCode: number | null, stderr: string) =>
    `${tool} failed (exit ${exitCode ?? "signal"}): ${stderr.trim().slice(-1500) || "no message"}`,
  integrityFailed: (result: string) => `The backup copy failed SQLite's integrity check: ${result}`,
  noKeyFile: (keyFile: string) =>
    `No CREDENTIAL_ENCRYPTION_KEYS is set and there is no key file at ${keyFile}: the database's tokens could not be decrypted after a restore. ` +
    `Back up the encryption keys the app uses, or set CREDENTIAL_ENCRYPTION_KEYS to them.`,
  notABackup: (folder: string) =>
    `${folder} holds no manifest.json: it is not a backup made by npm run db:backup (or the backup did not finish).`,
  unknownFormat: (format: unknown) =>
    `manifest.json has format ${JSON.stringify(format)}, which this version cannot read.`,
  wrongKind: (backupKind: string, targetKind: string) =>
    `This backup is of a ${backupKind} database, but DATABASE_URL names a ${targetKind} one. Restore it into a ${backupKind} database.`,
  fileMissing: (file: string) => `The backup is incomplete: ${file} is missing.`,
  fileDamaged: (file: string) =>
    file === "manifest.json"
      ? "The backup is damaged: manifest.json is not valid JSON. Nothing was restored."
      : `The backup is damaged: ${file} does not match the checksum manifest.json recorded for it. Nothing was restored.`,
  targetNotEmpty: (target: string, rows: number) =>
    `${target} is not empty (${rows} row(s)). Restoring would replace everything in it. ` +
    `Stop the app, then run again with --force to replace it, or restore into a new location.`,
} as const;
