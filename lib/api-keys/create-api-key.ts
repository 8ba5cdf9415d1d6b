import "server-only";

import { randomUUID } from "node:crypto";

import { invalidInput } from "@/lib/action-result.browser-safe";
import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { generateApiKey } from "./key-secret";
import { API_KEY_MESSAGES } from "./messages";
import { API_KEY_VIEW_COLUMNS, toApiKeyView } from "./queries";
import type { CreateApiKeyResult } from "./results";
import { newApiKeySchema } from "./schemas.browser-safe";

/** Live keys per person (neither revoked nor expired): a runaway script cannot mint keys without end. */
const MAX_LIVE_KEYS_PER_PERSON = 50;
/**
 * Keys a person keeps, revoked and expired ones included: they stay listed to explain what a
 * failing script used, until the person deletes them; this bounds the table and the page.
 */
const MAX_KEPT_KEYS_PER_PERSON = 200;

/**
 * A new personal API key (`{ name, expiresInDays? }`): returned whole this once; only its SHA-256
 * and its first characters are stored. Keys cannot make keys: a stolen key must not outlive its
 * revocation through a second one.
 */
export async function createApiKey(caller: Caller, input: unknown): Promise<CreateApiKeyResult> {
  const parsed = newApiKeySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "expiresInDays"] as const);
  const { name, expiresInDays } = parsed.data;
  const db = getDb();
  const userId = caller.person.id;
  const now = new Date();
  const live = { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  if ((await db.apiKey.count({ where: live })) >= MAX_LIVE_KEYS_PER_PERSON)
    return fail("refused", API_KEY_MESSAGES.tooManyLive(MAX_LIVE_KEYS_PER_PERSON));
  if ((await db.apiKey.count({ where: { userId } })) >= MAX_KEPT_KEYS_PER_PERSON)
    return fail("refused", API_KEY_MESSAGES.tooManyKept(MAX_KEPT_KEYS_PER_PERSON));
  const { key, hash, shown } = generateApiKey();
  const row = await db.apiKey.create({
    data: {
      id: randomUUID(),
      userId,
      name,
      prefix: shown,
      keyHash: hash,
      expiresAt: expiresInDays > 0 ? new Date(now.getTime() + expiresInDays * 24 * 60 * 60 * 1000) : null,
    },
    select: API_KEY_VIEW_COLUMNS,
  });
  return { ok: true, data: { apiKey: toApiKeyView(row), key } };
}
