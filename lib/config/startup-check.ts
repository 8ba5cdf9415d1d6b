import "server-only";

import { getCredentialKeyRing } from "./encryption-keys";
import { ConfigurationError, getEnv } from "./env";

/** Stops the process on bad configuration (env, keys). */
export function checkConfigurationAtStartup(): void {
  try {
    getEnv();
    getCredentialKeyRing();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(
      `\n[config] The app cannot start: ${error.message}\nSee README.md ("Configuration") and .env.example.\n`,
    );
    process.exit(1);
  }
}

/**
 * Names (never secrets) of credentials whose encryption key is not in the ring, so an operator
 * learns at start-up, not when someone next uses one. They show as "needs re-entry" in the UI.
 */
export async function reportCredentialsWithMissingKeys(): Promise<void> {
  try {
    const { findCredentialsWithMissingKeys } = await import("@/lib/credentials/key-rotation");
    const missing = await findCredentialsWithMissingKeys();
    if (missing.length === 0) return;
    const listed = missing.slice(0, 20).map((credential) => `"${credential.name}" (key "${credential.keyId}")`);
    const more = missing.length > listed.length ? ` and ${missing.length - listed.length} more` : "";
    console.warn(
      `[credentials] ${missing.length} credential(s) are encrypted with a key that is not in CREDENTIAL_ENCRYPTION_KEYS ` +
        `and cannot be used until it is restored (or their tokens are replaced): ${listed.join(", ")}${more}.`,
    );
  } catch (error) {
    console.warn(
      `[credentials] Could not check stored credentials against the key ring: ${error instanceof Error ? error.message : error}`,
    );
  }
}
