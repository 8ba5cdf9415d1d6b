import * as z from "@/lib/zod-mini.browser-safe";

/**
 * The idempotency key of one Add New Credential submit: a random UUID the form makes once per
 * opening and sends with every retry of that submit, so a save whose answer was lost (server
 * killed, connection dropped) is answered with the credential it stored instead of "name taken".
 * Lower-case 8-4-4-4-12 hex, as crypto.randomUUID writes it; anything else is not from our form.
 */
export const IDEMPOTENCY_KEY_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Optional: a save without one (a page loaded before keys existed) behaves as before. */
export const idempotencyKeySchema = z.optional(z.string().check(z.maxLength(36), z.regex(IDEMPOTENCY_KEY_PATTERN)));

/**
 * A new key. crypto.randomUUID exists only in secure contexts (HTTPS or localhost); over plain
 * HTTP to another address the same 122 random bits come from getRandomValues, which exists everywhere.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
