import "server-only";

import { randomUUID } from "node:crypto";

import { invalidInput } from "@/lib/action-result.browser-safe";
import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { WEBHOOK_MESSAGES } from "./messages";
import { toWebhookView, WEBHOOK_COLUMNS } from "./queries";
import type { CreateWebhookResult } from "./results";
import { newWebhookSchema, WEBHOOK_EVENTS } from "./schemas.browser-safe";
import { generateWebhookSecret, sealWebhookSecret } from "./webhook-secret";

/** Every alert goes to every webhook that wants it: a bound keeps one alert's work, and the page, small. */
export const MAX_WEBHOOKS = 20;

/**
 * A new webhook (admin only; `{ url, events }`): its signing secret is generated here, returned
 * this once, and stored only sealed with the encryption keys, bound to the webhook's row.
 */
export async function createWebhook(caller: Caller, input: unknown): Promise<CreateWebhookResult> {
  if (caller.person.role !== "admin") return fail("admin-only", WEBHOOK_MESSAGES.adminOnly);
  const parsed = newWebhookSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["url", "events"] as const);
  const db = getDb();
  if ((await db.webhook.count()) >= MAX_WEBHOOKS) return fail("refused", WEBHOOK_MESSAGES.tooMany(MAX_WEBHOOKS));
  const id = randomUUID();
  const secret = generateWebhookSecret();
  const sealed = sealWebhookSecret(id, secret);
  const row = await db.webhook.create({
    data: {
      id,
      url: parsed.data.url,
      // In the list's order, each once, whatever order they were sent in.
      events: WEBHOOK_EVENTS.filter((event) => parsed.data.events.includes(event)).join(","),
      secretCiphertext: sealed.ciphertext,
      secretKeyId: sealed.keyId,
      createdByName: caller.person.name,
    },
    select: WEBHOOK_COLUMNS,
  });
  return { ok: true, data: { webhook: toWebhookView(row), secret } };
}
