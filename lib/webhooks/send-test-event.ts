import "server-only";

import { randomUUID } from "node:crypto";

import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { WEBHOOK_MESSAGES } from "./messages";
import { DELIVERY_VIEW_COLUMNS, TEST_MESSAGE_PREFIX, toDeliveryView } from "./queries";
import type { SendTestEventResult } from "./results";
import { TEST_EVENT_TYPE, webhookRefSchema } from "./schemas.browser-safe";
import { sendWebhook } from "./send-webhook";

/** The body of a test event: the same envelope as an alert's (`id`, `type`, `timestamp`, `data`). */
export interface TestEventPayload {
  id: string;
  type: typeof TEST_EVENT_TYPE;
  timestamp: string;
  data: { webhook: { id: string } };
}

/**
 * "Send test event" (admin only; `{ id }`): sends `webhook.test` to the webhook now, once, signed
 * like every alert, and records the attempt in its delivery log. Not queued and not retried: the
 * admin is waiting for the answer. A receiver's refusal is still a success of this command; the
 * delivery it returns says how the attempt went.
 */
export async function sendTestEvent(caller: Caller, input: unknown): Promise<SendTestEventResult> {
  if (caller.person.role !== "admin") return fail("admin-only", WEBHOOK_MESSAGES.adminOnly);
  const parsed = webhookRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", WEBHOOK_MESSAGES.gone);
  const webhookId = parsed.data.id;
  const db = getDb();
  if ((await db.webhook.count({ where: { id: webhookId } })) === 0) return fail("not-found", WEBHOOK_MESSAGES.gone);
  const now = new Date();
  const messageId = `${TEST_MESSAGE_PREFIX}${randomUUID()}`;
  const payload: TestEventPayload = {
    id: messageId,
    type: TEST_EVENT_TYPE,
    timestamp: now.toISOString(),
    data: { webhook: { id: webhookId } },
  };
  const result = await sendWebhook(webhookId, messageId, JSON.stringify(payload), now);
  const finished = new Date();
  try {
    const row = await db.delivery.create({
      data: {
        id: randomUUID(),
        alertId: messageId,
        channel: "webhook",
        webhookId,
        recipient: webhookId,
        // Not about any credential: "" keeps it out of every credential's ordering.
        credentialId: "",
        status: result.ok ? "delivered" : "failed",
        attempts: 1,
        nextAttemptAt: finished,
        lastStatusCode: result.statusCode ?? null,
        lastError: result.ok ? "" : result.error,
        createdAt: now,
        deliveredAt: result.ok ? finished : null,
      },
      select: DELIVERY_VIEW_COLUMNS,
    });
    return { ok: true, data: toDeliveryView(row, new Map()) };
  } catch (error) {
    // Deleted while the event was on its way: there is no log left to write to.
    if ((await db.webhook.count({ where: { id: webhookId } })) === 0) return fail("not-found", WEBHOOK_MESSAGES.gone);
    throw error;
  }
}
