import "server-only";

import { createHash, randomBytes } from "node:crypto";

/**
 * Every API key starts with this, so a key pasted in the wrong place (a log, a chat, a repository)
 * is recognisable for what it is, and secret scanners can be taught to look for it.
 */
export const API_KEY_PREFIX = "cuk_";
/** How much of a key the list shows: the prefix and 8 random characters (48 bits; not guessable help). */
const SHOWN_LENGTH = API_KEY_PREFIX.length + 8;
/** 32 random bytes in base64url: 43 characters. */
const KEY_PATTERN = /^cuk_[A-Za-z0-9_-]{43}$/;

/** A new key: 256 random bits. Returned once to its person; only `hash` and `shown` are stored. */
export function generateApiKey(): { key: string; hash: string; shown: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: hashApiKey(key), shown: key.slice(0, SHOWN_LENGTH) };
}

/**
 * SHA-256, hex. The key is random and 256 bits long, so there is nothing to brute-force and a slow
 * password hash would only slow every API request down.
 */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Whether a string is shaped like one of our keys: anything else is refused without a query. */
export function looksLikeApiKey(text: string): boolean {
  return KEY_PATTERN.test(text);
}
