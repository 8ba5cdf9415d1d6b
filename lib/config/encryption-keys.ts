import "server-only";

import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

import { databaseKind, OWNER_ONLY_FILE, resolveSqlitePath } from "@/lib/config/startup-rules.mjs";
import { KEY_BYTES, parseKeyRing, type KeyRing } from "@/lib/crypto/key-ring";

import { ConfigurationError, getEnv } from "./env";

export const LOCAL_KEY_FILE_NAME = "credential-encryption.key";

/** The sample key printed in .env.example: public, so never acceptable in production. */
export const EXAMPLE_KEY_BASE64 = "pTsc4JRy0JYwXbnXXgGKERKacnh08XfUyUybsJuqcKQ=";

let cached: KeyRing | undefined;

/** Where the embedded default keeps its key file: beside the SQLite database (backup and restore copy it too). */
export function localKeyFilePath(databaseUrl: string): string {
  return path.join(path.dirname(resolveSqlitePath(databaseUrl)), LOCAL_KEY_FILE_NAME);
}

/**
 * The key ring that seals credential secrets. From CREDENTIAL_ENCRYPTION_KEYS when set; for the
 * embedded SQLite default without it, from a key file beside the database, created on first use
 * with owner-only permissions (a one-machine install then works with no setup, and says where).
 * With PostgreSQL the variable is required.
 */
export function getCredentialKeyRing(): KeyRing {
  if (cached) return cached;
  const env = getEnv();
  let ring: KeyRing;
  try {
    if (env.CREDENTIAL_ENCRYPTION_KEYS) {
      ring = parseKeyRing(env.CREDENTIAL_ENCRYPTION_KEYS, "CREDENTIAL_ENCRYPTION_KEYS");
    } else if (databaseKind(env.DATABASE_URL) === "postgresql") {
      // Several instances share one database, so they must share the key: no per-machine key file.
      throw new ConfigurationError(
        "CREDENTIAL_ENCRYPTION_KEYS is required with PostgreSQL: every app instance must use the same keys. See README.md and docs/security.md.",
      );
    } else {
      ring = loadOrCreateLocalKeyFile(localKeyFilePath(env.DATABASE_URL));
    }
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    throw new ConfigurationError(error instanceof Error ? error.message : String(error));
  }
  const exampleKeyIds = [...ring.keys]
    .filter(([, key]) => key.toString("base64") === EXAMPLE_KEY_BASE64)
    .map(([id]) => id);
  if (exampleKeyIds.length > 0) {
    const problem = `CREDENTIAL_ENCRYPTION_KEYS uses the example key from .env.example (key id "${exampleKeyIds.join('", "')}"). It is public: generate your own with node -e "console.log(require('crypto').randomBytes(32).toString('base64'))".`;
    if (env.NODE_ENV === "production") throw new ConfigurationError(problem);
    console.warn(`[credentials] ${problem}`);
  }
  cached = ring;
  return cached;
}

function loadOrCreateLocalKeyFile(filePath: string): KeyRing {
  const fresh = `local-${new Date().toISOString().slice(0, 10).replaceAll("-", "")}:${randomBytes(KEY_BYTES).toString("base64")}\n`;
  try {
    // "wx": create only if absent, so two processes starting at once cannot overwrite each other's key.
    fs.writeFileSync(filePath, fresh, { flag: "wx", mode: OWNER_ONLY_FILE });
    console.warn(
      `[credentials] No CREDENTIAL_ENCRYPTION_KEYS set: created a local encryption key at ${filePath} ` +
        `(owner-only). Back it up with the database; without it stored credentials cannot be decrypted.`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const mode = fs.statSync(filePath).mode & 0o777;
  if (mode & 0o077) {
    throw new ConfigurationError(
      `The key file ${filePath} is readable by other users (mode ${mode.toString(8)}). Run: chmod 600 ${filePath}`,
    );
  }
  return parseKeyRing(fs.readFileSync(filePath, "utf8"), filePath);
}
