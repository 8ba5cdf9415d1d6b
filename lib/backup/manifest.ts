import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import type { DatabaseKind } from "@/lib/config/startup-rules.mjs";

import { BackupError, backupMessages } from "./messages";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT = "clickup-credentials-backup/1";
export const SQLITE_BACKUP_FILE = "app.db";
export const POSTGRES_BACKUP_FILE = "database.dump";

/** Rows per table that a person would recognise; restore compares credentials against the database it wrote. */
export interface BackupCounts {
  people: number;
  credentials: number;
  sources: number;
  destinations: number;
  shares: number;
  activity: number;
  invitations: number;
}

export interface BackupFile {
  name: string;
  bytes: number;
  sha256: string;
}

/** What a backup folder holds, written last: a folder without it is an unfinished backup. */
export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  createdAt: string;
  app: { name: string; version: string };
  database: { kind: DatabaseKind; tool: string };
  /** Prisma migrations applied to the backed-up database, oldest first. */
  migrations: { applied: number; latest: string | null };
  counts: BackupCounts;
  /** How many credentials each encryption key sealed: the keys a restore needs. Ids only. */
  credentialsPerKeyId: Record<string, number>;
  /** Where the encryption keys are: in this folder (the embedded default's key file), or only in CREDENTIAL_ENCRYPTION_KEYS. */
  encryptionKeys: "key file in this backup" | "CREDENTIAL_ENCRYPTION_KEYS (not in this backup)";
  files: BackupFile[];
}

export function describeFile(folder: string, name: string): BackupFile {
  const content = fs.readFileSync(path.join(folder, name));
  return { name, bytes: content.length, sha256: createHash("sha256").update(content).digest("hex") };
}

export function writeManifest(folder: string, manifest: BackupManifest): void {
  fs.writeFileSync(path.join(folder, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
}

/** Reads a backup's manifest and checks every file it lists is there, unaltered. */
export function readVerifiedManifest(folder: string): BackupManifest {
  const manifestPath = path.join(folder, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) throw new BackupError(backupMessages.notABackup(folder));
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as BackupManifest;
  } catch {
    throw new BackupError(backupMessages.fileDamaged(MANIFEST_FILE));
  }
  if (manifest.format !== MANIFEST_FORMAT) throw new BackupError(backupMessages.unknownFormat(manifest.format));
  for (const file of manifest.files) {
    if (!fs.existsSync(path.join(folder, file.name))) throw new BackupError(backupMessages.fileMissing(file.name));
    const actual = describeFile(folder, file.name);
    if (actual.sha256 !== file.sha256 || actual.bytes !== file.bytes)
      throw new BackupError(backupMessages.fileDamaged(file.name));
  }
  return manifest;
}
