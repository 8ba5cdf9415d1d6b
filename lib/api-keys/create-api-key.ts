import "server-only";

import { randomUUID } from "node:crypto";

import { invalidInput } from "@/lib/action-result.browser-safe";
import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail, invalid } from "@/lib/failure-reasons.browser-safe";

import { generateApiKey } from "./key-secret";
import { API_KEY_MESSAGES } from "./messages";
import { API_KEY_VIEW_COLUMNS, proxyTargetFilters, toApiKeyView } from "./queries";
import type { CreateApiKeyResult } from "./results";
import { newApiKeySchema } from "./schemas.browser-safe";
import { storedScopes } from "./scopes.browser-safe";

/** Live keys per person (neither revoked nor expired): a runaway script cannot mint keys without end. */
const MAX_LIVE_KEYS_PER_PERSON = 50;
/**
 * Keys a person keeps, revoked and expired ones included: they stay listed to explain what a
 * failing script used, until the person deletes them; this bounds the table and the page.
 */
const MAX_KEPT_KEYS_PER_PERSON = 200;

/**
 * A new personal API key (`{ name, expiresInDays?, scopes?, proxyTargets? }`): returned whole
 * this once; only its SHA-256 and its first characters are stored. Keys cannot make keys: a
 * stolen key must not outlive its revocation through a second one (this runs only from the page).
 */
export async function createApiKey(caller: Caller, input: unknown): Promise<CreateApiKeyResult> {
  const parsed = newApiKeySchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "expiresInDays", "scopes", "proxyTargets"] as const);
  const { name, expiresInDays, scopes, proxyTargets } = parsed.data;
  const credentialIds = [...new Set(proxyTargets?.credentialIds ?? [])];
  const endpointIds = [...new Set(proxyTargets?.endpointIds ?? [])];
  const restricted = credentialIds.length + endpointIds.length > 0;
  if (restricted && !scopes.includes("proxy"))
    return invalid(API_KEY_MESSAGES.fieldsNeedAttention, { proxyTargets: API_KEY_MESSAGES.targetsWithoutProxy });
  const db = getDb();
  const person = caller.person;
  if (restricted) {
    // Each target must be one the person may proxy through now; anything else is not theirs.
    const filters = proxyTargetFilters(person);
    const [credentials, endpoints] = await Promise.all([
      db.credential.count({ where: { AND: [{ id: { in: credentialIds } }, filters.credential] } }),
      db.endpoint.count({ where: { AND: [{ id: { in: endpointIds } }, filters.endpoint] } }),
    ]);
    if (credentials !== credentialIds.length || endpoints !== endpointIds.length)
      return invalid(API_KEY_MESSAGES.fieldsNeedAttention, { proxyTargets: API_KEY_MESSAGES.targetGone });
  }
  const now = new Date();
  const live = { userId: person.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
  if ((await db.apiKey.count({ where: live })) >= MAX_LIVE_KEYS_PER_PERSON)
    return fail("refused", API_KEY_MESSAGES.tooManyLive(MAX_LIVE_KEYS_PER_PERSON));
  if ((await db.apiKey.count({ where: { userId: person.id } })) >= MAX_KEPT_KEYS_PER_PERSON)
    return fail("refused", API_KEY_MESSAGES.tooManyKept(MAX_KEPT_KEYS_PER_PERSON));
  const { key, hash, shown } = generateApiKey();
  const targets = [
    ...credentialIds.map((credentialId) => ({ id: randomUUID(), credentialId })),
    ...endpointIds.map((endpointId) => ({ id: randomUUID(), endpointId })),
  ];
  const row = await db.apiKey.create({
    data: {
      id: randomUUID(),
      userId: person.id,
      name,
      prefix: shown,
      keyHash: hash,
      scopes: storedScopes(scopes),
      proxyRestricted: restricted,
      proxyTargets: { create: targets },
      expiresAt: expiresInDays > 0 ? new Date(now.getTime() + expiresInDays * 24 * 60 * 60 * 1000) : null,
    },
    select: API_KEY_VIEW_COLUMNS,
  });
  return { ok: true, data: { apiKey: toApiKeyView(row), key } };
}
