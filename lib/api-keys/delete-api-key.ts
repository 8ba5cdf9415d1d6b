import "server-only";

import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { API_KEY_MESSAGES } from "./messages";
import type { DeleteApiKeyResult } from "./results";
import { apiKeyRefSchema } from "./schemas.browser-safe";

/**
 * Deletes one of the caller's own keys (`{ id }`) once it no longer works — revoked or expired —
 * so a person can clear out old keys. A live key is refused: revoking it first is the step that
 * stops a script, and deleting is only tidying up after it.
 */
export async function deleteApiKey(caller: Caller, input: unknown): Promise<DeleteApiKeyResult> {
  const parsed = apiKeyRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", API_KEY_MESSAGES.deletedGone);
  const db = getDb();
  const own = { id: parsed.data.id, userId: caller.person.id };
  // One statement: the filter is the ownership rule and the "no longer works" rule together, so a
  // key cannot be un-revoked or renewed between a check and the delete.
  const { count } = await db.apiKey.deleteMany({
    where: { ...own, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: new Date() } }] },
  });
  if (count > 0) return { ok: true, data: null };
  // Nothing deleted: either it is not the caller's (or gone), or it still works.
  if ((await db.apiKey.count({ where: own })) > 0) return fail("refused", API_KEY_MESSAGES.activeNotDeleted);
  return fail("not-found", API_KEY_MESSAGES.deletedGone);
}
