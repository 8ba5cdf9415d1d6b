import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

import type { KeyRing } from "./key-ring";

/**
 * AES-256-GCM sealing of short secrets. The ciphertext text is `v1.<iv>.<tag>.<data>` (base64url);
 * the key id travels beside it (stored in its own column) and is also bound into the
 * authenticated data together with a caller-chosen context (e.g. the record's id), so a
 * ciphertext copied onto another record, or relabelled with another key id, fails to open.
 */
export interface SealedSecret {
  keyId: string;
  ciphertext: string;
}

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The secret could not be opened: unknown key, wrong key, tampered or malformed ciphertext. */
export class SecretUnreadableError extends Error {
  override name = "SecretUnreadableError";
  constructor(readonly reason: "unknown-key" | "malformed" | "authentication-failed") {
    super(
      {
        "unknown-key": "The secret was sealed with a key that is not in the key ring.",
        malformed: "The stored secret is not in a format this app wrote.",
        "authentication-failed": "The stored secret failed its integrity check (wrong key or altered data).",
      }[reason],
    );
  }
}

function associatedData(keyId: string, context: string): Buffer {
  return Buffer.from(`${VERSION}|${keyId}|${context}`, "utf8");
}

export function sealSecret(ring: KeyRing, plaintext: string, context: string): SealedSecret {
  const keyId = ring.activeKeyId;
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`Active key "${keyId}" is missing from the key ring.`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyId, context));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), data].map((part) => part.toString("base64url"));
  return { keyId, ciphertext: [VERSION, ...parts].join(".") };
}

export function openSecret(ring: KeyRing, sealed: SealedSecret, context: string): string {
  const key = ring.keys.get(sealed.keyId);
  if (!key) throw new SecretUnreadableError("unknown-key");
  const [version, ivText, tagText, dataText, ...rest] = sealed.ciphertext.split(".");
  if (version !== VERSION || rest.length > 0 || dataText === undefined) {
    throw new SecretUnreadableError("malformed");
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretUnreadableError("malformed");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(sealed.keyId, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError("authentication-failed");
  }
}
