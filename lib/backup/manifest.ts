import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { LOCAL_KEY_FILE_NAME } from "@/lib/config/encryption-keys";
import type { DatabaseKind } from "@/lib/config/startup-rules.mjs";
import { z } from "@/lib/zod";

import { BackupError, backupMessages } from "./messages";
import { checkSignature, writeSignature, type SignatureState } from "./signature";

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

/**
 * Writes manifest.json, last, so a folder without it is an unfinished backup; with a signing key
 * its signature (manifest.sig) goes first, over the exact bytes written.
 */
export function writeManifest(folder: string, manifest: BackupManifest, signingKey: string | undefined): void {
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
  if (signingKey) writeSignature(folder, bytes, signingKey);
  fs.writeFileSync(path.join(folder, MANIFEST_FILE), bytes, { mode: 0o600 });
}

/** The files a backup of each kind may hold: restore reads nothing else from the folder. */
const BACKUP_FILES = {
  sqlite: [SQLITE_BACKUP_FILE, LOCAL_KEY_FILE_NAME],
  postgresql: [POSTGRES_BACKUP_FILE],
} as const satisfies Record<DatabaseKind, readonly string[]>;

const count = z.number().int().min(0);
const manifestSchema: z.ZodType<BackupManifest> = z.object({
  format: z.literal(MANIFEST_FORMAT),
  createdAt: z.string(),
  app: z.object({ name: z.string(), version: z.string() }),
  database: z.object({ kind: z.enum(["sqlite", "postgresql"]), tool: z.string() }),
  migrations: z.object({ applied: count, latest: z.string().nullable() }),
  counts: z.object({
    people: count,
    credentials: count,
    sources: count,
    destinations: count,
    shares: count,
    activity: count,
    invitations: count,
  }),
  credentialsPerKeyId: z.record(z.string(), count),
  encryptionKeys: z.enum(["key file in this backup", "CREDENTIAL_ENCRYPTION_KEYS (not in this backup)"]),
  files: z.array(z.object({ name: z.string(), bytes: count, sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});

export interface VerifiedBackup {
  manifest: BackupManifest;
  signature: SignatureState;
}

/**
 * Reads a backup's manifest and checks it before anything is written: its signature when
 * BACKUP_SIGNING_KEY is set, its form, that it lists the database (and the key file when it says
 * the keys are in the backup) and nothing but plain files of this folder, and that each listed
 * file is there, unaltered.
 */
export function readVerifiedManifest(folder: string, signingKey: string | undefined): VerifiedBackup {
  const manifestPath = path.join(folder, MANIFEST_FILE);
  if (!fs.existsSync(manifestPath)) throw new BackupError(backupMessages.notABackup(folder));
  if (!fs.lstatSync(manifestPath).isFile()) throw new BackupError(backupMessages.notAPlainFile(MANIFEST_FILE));
  // Read once: the signature is checked on these bytes, and these bytes are what is parsed.
  const bytes = fs.readFileSync(manifestPath);
  const signature = checkSignature(folder, bytes, signingKey);
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new BackupError(backupMessages.fileDamaged(MANIFEST_FILE));
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== MANIFEST_FORMAT) throw new BackupError(backupMessages.unknownFormat(format));
  const result = manifestSchema.safeParse(parsed);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new BackupError(backupMessages.invalidManifest(issue.path.join(".") || "(top)", issue.message));
  }
  const manifest = result.data;
  checkFileList(manifest);
  for (const file of manifest.files) {
    const where = path.join(folder, file.name);
    if (!fs.existsSync(where)) throw new BackupError(backupMessages.fileMissing(file.name));
    // A link would have restore read (and checksum) a file outside the backup.
    if (!fs.lstatSync(where).isFile()) throw new BackupError(backupMessages.notAPlainFile(file.name));
    const actual = describeFile(folder, file.name);
    if (actual.sha256 !== file.sha256 || actual.bytes !== file.bytes)
      throw new BackupError(backupMessages.fileDamaged(file.name));
  }
  return { manifest, signature };
}

/**
 * The list must name the files restore will read, and only those: restore reads the database
 * (and key file) by their fixed names, so one left out of the list would be used unchecked.
 */
function checkFileList(manifest: BackupManifest): void {
  const { kind } = manifest.database;
  const allowed: readonly string[] = BACKUP_FILES[kind];
  const names = manifest.files.map((file) => file.name);
  for (const name of names) {
    const plain = name === path.basename(name) && name !== "." && name !== ".." && !/[\\/\0]/.test(name);
    if (!plain) throw new BackupError(backupMessages.notAPlainName(name));
    if (!allowed.includes(name)) throw new BackupError(backupMessages.notABackupFile(name, kind, allowed));
    if (names.indexOf(name) !== names.lastIndexOf(name)) throw new BackupError(backupMessages.listedTwice(name));
  }
  const databaseFile = kind === "sqlite" ? SQLITE_BACKUP_FILE : POSTGRES_BACKUP_FILE;
  if (!names.includes(databaseFile)) throw new BackupError(backupMessages.notListed(databaseFile, "the database"));
  const keysInBackup = manifest.encryptionKeys === "key file in this backup";
  if (keysInBackup && !names.includes(LOCAL_KEY_FILE_NAME))
    throw new BackupError(backupMessages.notListed(LOCAL_KEY_FILE_NAME, "the encryption key file"));
  if (!keysInBackup && names.includes(LOCAL_KEY_FILE_NAME))
    throw new BackupError(backupMessages.keyFileUnannounced(LOCAL_KEY_FILE_NAME));
}
