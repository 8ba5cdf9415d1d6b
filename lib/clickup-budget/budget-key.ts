import "server-only";

import { createHmac } from "node:crypto";

import { sessionSigningSecret } from "@/lib/auth/better-auth";

let derivedKey: Buffer | undefined;

/**
 * The key a token's rate budget is kept under: an HMAC of the token, never the token nor a plain
 * hash of it (a plain hash of a leaked log could be checked against guessed tokens). Keyed with a
 * key of its own derived from the session secret, which every worker and instance already shares
 * (AUTH_SECRET, or derived from the active encryption key); the same token held by two credentials
 * gives the same key, so they share one budget.
 */
export function budgetKeyFor(token: string): string {
  derivedKey ??= createHmac("sha256", sessionSigningSecret()).update("clickup-rate-budget-v1").digest();
  return createHmac("sha256", derivedKey).update(token).digest("base64url");
}
