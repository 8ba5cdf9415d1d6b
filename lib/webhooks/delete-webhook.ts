import "server-only";

import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { WEBHOOK_MESSAGES } from "./messages";
import type { DeleteWebhookResult } from "./results";
import { webhookRefSchema } from "./schemas.browser-safe";

/**
 * Deletes a webhook (admin only; `{ id }`) with its delivery log: nothing more is sent to it,
 * including deliveries still waiting for a retry.
 */
export async function deleteWebhook(caller: Caller, input: unknown): Promise<DeleteWebhookResult> {
  if (caller.person.role !== "admin") return fail("admin-only", WEBHOOK_MESSAGES.adminOnly);
  const parsed = webhookRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", WEBHOOK_MESSAGES.gone);
  // Its deliveries go with it (the relation cascades), in the same statement.
  const { count } = await getDb().webhook.deleteMany({ where: { id: parsed.data.id } });
  return count > 0 ? { ok: true, data: null } : fail("not-found", WEBHOOK_MESSAGES.gone);
}
