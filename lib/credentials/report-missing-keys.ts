import "server-only";

import { findCredentialsWithMissingKeys } from "./queries";

/**
 * Names (never secrets) of credentials whose encryption key is not in the ring, so an operator
 * learns at start-up, not when someone next uses one. They show as "needs re-entry" in the UI.
 */
export async function reportCredentialsWithMissingKeys(): Promise<void> {
  try {
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
