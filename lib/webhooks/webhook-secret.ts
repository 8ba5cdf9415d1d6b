import "server-only";

import { randomBytes } from "node:crypto";

import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { openSecret, sealSecret, type SealedSecret } from "@/lib/crypto/secret-box";

/** The Standard Webhooks form: this prefix, then the base64 of the key's bytes. */
export const WEBHOOK_SECRET_PREFIX = "whsec_";
/** The specification asks for 24 to 64 random bytes; 32 is HMAC-SHA256's own key size. */
const SECRET_BYTES = 32;

/** Context bound into the ciphertext, so a sealed secret only opens on its own webhook's row. */
export function webhookSecretContext(webhookId: string): string {
  return `webhook:${webhookId}`;
}

export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString("base64")}`;
}

/** Sealed with the credentials' encryption keys, so `keys:rotate` and the restore check cover it. */
export function sealWebhookSecret(webhookId: string, secret: string): SealedSecret {
  return sealSecret(getCredentialKeyRing(), secret, webhookSecretContext(webhookId));
}

/** Throws SecretUnreadableError when it does not open (unknown key, altered, another row's). */
export function openWebhookSecret(webhookId: string, sealed: SealedSecret): string {
  return openSecret(getCredentialKeyRing(), sealed, webhookSecretContext(webhookId));
}
