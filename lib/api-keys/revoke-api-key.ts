import "server-only";

import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { API_KEY_MESSAGES } from "./messages";
import type { RevokeApiKeyResult } from "./results";
import { apiKeyRefSchema } from "./schemas.browser-safe";

/**
 * Revokes one of the caller's own keys (`{ id }`): the next request with it is refused. The row
 * stays (revoked), so the list still explains what a failing script was using.
 */
export async function revokeApiKey(caller: Caller, input: unknown): Promise<RevokeApiKeyResult> {
  const parsed = apiKeyRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", API_KEY_MESSAGES.gone);
  // One statement: the filter is the ownership rule, so someone else's id changes nothing.
  const { count } = await getDb().apiKey.updateMany({
    where: { id: parsed.data.id, userId: caller.person.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) return fail("not-found", API_KEY_MESSAGES.gone);
  return { ok: true, data: null };
}
