import "server-only";

import { getDb } from "@/lib/db/client";

/**
 * STUB (deliveries branch only): the webhooks branch writes the real sendWebhook — Standard
 * Webhooks signature with the webhook's sealed secret — with exactly this signature; replace this
 * file with that one at the merge. This stub POSTs unsigned, with the same headers and classification.
 */
export type AttemptResult =
  { ok: true; statusCode: number } | { ok: false; retry: boolean; statusCode?: number; error: string };

const TIMEOUT_MS = 10_000;

export async function sendWebhook(
  webhookId: string,
  messageId: string,
  body: string,
  now: Date = new Date(),
): Promise<AttemptResult> {
  const webhook = await getDb().webhook.findUnique({ where: { id: webhookId }, select: { url: true } });
  if (!webhook) return { ok: false, retry: false, error: "The webhook was removed." };
  try {
    const response = await fetch(webhook.url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "webhook-id": messageId,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      },
      body,
    });
    await response.body?.cancel();
    const statusCode = response.status;
    if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode };
    const retry = statusCode === 408 || statusCode === 429 || statusCode >= 500;
    return { ok: false, retry, statusCode, error: `The receiver answered ${statusCode}.` };
  } catch {
    return { ok: false, retry: true, error: "The receiver could not be reached." };
  }
}
