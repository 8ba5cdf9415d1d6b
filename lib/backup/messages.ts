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
    `Or back up by hand (leaving out pg-boss's queue, which the app rebuilds): pg_dump --format=custom --no-owner --no-privileges --exclude-schema=pgboss --file=${folder}/database.dump "$DATABASE_URL" ` +
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
  invalidManifest: (where: string, problem: string) =>
    `manifest.json is not one npm run db:backup writes (${where}: ${problem}): it was altered, or made by another program. Nothing was restored.`,
  notAPlainName: (name: string) =>
    `manifest.json lists ${JSON.stringify(name)}, which is not a plain file name in the backup folder: the manifest was altered. Nothing was restored.`,
  notABackupFile: (name: string, kind: string, expected: readonly string[]) =>
    `manifest.json lists ${JSON.stringify(name)}, which a ${kind} backup never holds (only ${expected.join(" and ")}): the manifest was altered. Nothing was restored.`,
  listedTwice: (name: string) =>
    `manifest.json lists ${JSON.stringify(name)} twice: the manifest was altered. Nothing was restored.`,
  notListed: (name: string, what: string) =>
    `manifest.json does not list ${name}, ${what}, so it cannot be checked: the manifest was altered. Nothing was restored.`,
  keyFileUnannounced: (name: string) =>
    `manifest.json lists ${name} but says the encryption keys are not in this backup: the manifest was altered. Nothing was restored.`,
  notAPlainFile: (name: string) =>
    `${name} in the backup is not a plain file (a link, or a folder): backups hold only plain files. Nothing was restored.`,
  notSigned:
    "manifest.json is not signed, but BACKUP_SIGNING_KEY is set: this backup was made without that signing key, or its signature (manifest.sig) was removed. " +
    "Nothing was restored. Restore a backup made with BACKUP_SIGNING_KEY; or, if you made this one without it and it has been where only you could change it, " +
    "run the restore again with BACKUP_SIGNING_KEY unset.",
  signatureUnreadable:
    "manifest.sig is not a signature npm run db:backup writes: the backup was altered. Nothing was restored. Restore another backup.",
  signedWithAnotherKey: (backupKey: string, keySetHere: string) =>
    `manifest.json was signed with a different BACKUP_SIGNING_KEY (key fingerprint ${backupKey}; the one set here is ${keySetHere}). ` +
    "Nothing was restored. Set BACKUP_SIGNING_KEY to the signing key this backup was made with, and run the restore again.",
  changedAfterSigning:
    "manifest.json was changed after it was signed (its signature does not match, and BACKUP_SIGNING_KEY is the signing key it was made with): " +
    "someone altered this backup. Nothing was restored. Restore another backup, and find out who could write where this one was kept.",
  /** What db:backup says about signing, and db:restore about what it found. */
  signedBackup: "Signed manifest.json with BACKUP_SIGNING_KEY (manifest.sig).",
  unsignedBackup:
    "manifest.json is not signed (BACKUP_SIGNING_KEY is not set): its checksums detect damage, not tampering.",
  signatureState: {
    verified: "manifest.json is signed with BACKUP_SIGNING_KEY: the backup is as it was made.",
    "not-checked": "manifest.json is signed, but BACKUP_SIGNING_KEY is not set: the signature was not checked.",
    unsigned:
      "manifest.json is not signed: its checksums detect damage, not tampering (set BACKUP_SIGNING_KEY when backing up and restoring to detect that too).",
  },
  targetNotEmpty: (target: string, rows: number) =>
    `${target} is not empty (${rows} row(s)). Restoring would replace everything in it. ` +
    `Stop the app, then run again with --force to replace it, or restore into a new location.`,
} as const;
