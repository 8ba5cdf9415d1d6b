/**
 * A key ring for authenticated encryption: several named 256-bit keys, one active. Every
 * ciphertext names the key that sealed it, so old keys can stay readable while new secrets use
 * the active one, and a key can be retired once nothing names it.
 *
 * Text form (env CREDENTIAL_ENCRYPTION_KEYS and the local key file):
 *   keyId:base64key[,keyId:base64key…]   — the first entry is the active key.
 */
export interface KeyRing {
  activeKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export const KEY_BYTES = 32;
const KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

export class KeyRingFormatError extends Error {
  override name = "KeyRingFormatError";
}

export function parseKeyRing(text: string, source: string): KeyRing {
  const entries = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new KeyRingFormatError(`${source} holds no keys.`);

  const keys = new Map<string, Buffer>();
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(":");
    const keyId = separator > 0 ? entry.slice(0, separator) : "";
    const encoded = separator > 0 ? entry.slice(separator + 1) : "";
    // Never echo the entry itself: it is key material.
    const where = `${source}, entry ${index + 1}`;
    if (!KEY_ID_PATTERN.test(keyId)) {
      throw new KeyRingFormatError(
        `${where}: expected "keyId:base64key" with a key id of 1-32 letters, digits, "-" or "_".`,
      );
    }
    if (keys.has(keyId)) throw new KeyRingFormatError(`${where}: key id "${keyId}" appears twice.`);
    const key = Buffer.from(encoded, "base64");
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || key.length !== KEY_BYTES) {
      throw new KeyRingFormatError(
        `${where} ("${keyId}"): the key must be ${KEY_BYTES} random bytes in base64 ` +
          `(generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))").`,
      );
    }
    keys.set(keyId, key);
  });
  return { activeKeyId: entries[0].slice(0, entries[0].indexOf(":")), keys };
}
