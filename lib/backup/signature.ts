import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { BackupError, backupMessages } from "./messages";

/**
 * A backup's manifest signed with BACKUP_SIGNING_KEY, a secret kept outside the backup folder.
 * The manifest's checksums cover every file, so its signature covers the whole backup; without a
 * key, someone who can write the folder can change a file and recompute its checksum.
 *
 * HMAC-SHA-256 rather than Ed25519: the same operator, with the same configuration, makes and
 * restores backups, and what it guards against is whoever can write where backups are kept.
 * One random secret in one variable does that; a key pair would only add a second key to keep
 * (and parse) for a case we do not have — a restoring machine that must not be able to sign.
 */
export const SIGNATURE_FILE = "manifest.sig";
const ALGORITHM = "HMAC-SHA-256";
const SIGNATURE_LINE = /^HMAC-SHA-256 key=([0-9a-f]{16}) ([0-9a-f]{64})\n?$/;

/** What restore found: signed and checked, signed but no key here to check it, or not signed. */
export type SignatureState = "verified" | "not-checked" | "unsigned";

// The signed bytes start with what they are, so this key's MAC of a manifest is never valid for
// anything else it might sign one day.
const mac = (key: string, manifestBytes: Buffer) =>
  createHmac("sha256", key).update("clickup-credentials-backup manifest.json\n").update(manifestBytes).digest();

/** Names the signing key without revealing it: lets restore tell "another key" from "changed". */
export function keyFingerprint(key: string): string {
  return createHmac("sha256", key).update("clickup-credentials-backup key fingerprint").digest("hex").slice(0, 16);
}

/** Writes manifest.sig for the manifest's exact bytes (before manifest.json itself is written). */
export function writeSignature(folder: string, manifestBytes: Buffer, key: string): void {
  const line = `${ALGORITHM} key=${keyFingerprint(key)} ${mac(key, manifestBytes).toString("hex")}\n`;
  fs.writeFileSync(path.join(folder, SIGNATURE_FILE), line, { mode: 0o600 });
}

/**
 * Checks the manifest's exact bytes against manifest.sig. With a key set, a missing, unreadable
 * or wrong signature stops the restore: whoever changed the backup can also delete the signature.
 */
export function checkSignature(folder: string, manifestBytes: Buffer, key: string | undefined): SignatureState {
  const file = path.join(folder, SIGNATURE_FILE);
  const present = fs.existsSync(file);
  if (!key) return present ? "not-checked" : "unsigned";
  if (!present) throw new BackupError(backupMessages.notSigned);
  if (!fs.lstatSync(file).isFile()) throw new BackupError(backupMessages.notAPlainFile(SIGNATURE_FILE));
  const match = SIGNATURE_LINE.exec(fs.readFileSync(file, "utf8"));
  if (!match) throw new BackupError(backupMessages.signatureUnreadable);
  const [, fingerprint, signature] = match;
  if (fingerprint !== keyFingerprint(key))
    throw new BackupError(backupMessages.signedWithAnotherKey(fingerprint, keyFingerprint(key)));
  if (!timingSafeEqual(Buffer.from(signature, "hex"), mac(key, manifestBytes)))
    throw new BackupError(backupMessages.changedAfterSigning);
  return "verified";
}
