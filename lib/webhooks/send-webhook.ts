import "server-only";

import { Webhook } from "standardwebhooks";

import { getEnv } from "@/lib/config/env";
import { SecretUnreadableError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";

import { WEBHOOK_MESSAGES } from "./messages";
import { openWebhookSecret } from "./webhook-secret";

/**
 * How one attempt went. `retry`: whether trying again later may help (the receiver was down, slow,
 * overloaded or asked us to wait), as opposed to a refusal that would only be repeated. `error`
 * says why for the delivery log, and never contains a secret.
 */
export type AttemptResult =
  { ok: true; statusCode: number } | { ok: false; retry: boolean; statusCode?: number; error: string };

const USER_AGENT = "connector-credentials-webhooks/1";

/**
 * One attempt to deliver `body` to a webhook, signed per the Standard Webhooks specification with
 * its own library (`webhook-id` = `messageId`, so a receiver drops a repeat; `webhook-timestamp`;
 * `webhook-signature`). The whole exchange is bounded by WEBHOOK_TIMEOUT_MS and redirects are
 * never followed. Never throws for the receiver's trouble; the caller (the delivery queue, or
 * Send test event) records the result.
 */
export async function sendWebhook(
  webhookId: string,
  messageId: string,
  body: string,
  now = new Date(),
): Promise<AttemptResult> {
  const row = await getDb().webhook.findUnique({
    where: { id: webhookId },
    select: { url: true, secretCiphertext: true, secretKeyId: true },
  });
  if (!row) return { ok: false, retry: false, error: WEBHOOK_MESSAGES.gone };
  let secret: string;
  try {
    secret = openWebhookSecret(webhookId, { keyId: row.secretKeyId, ciphertext: row.secretCiphertext });
  } catch (error) {
    if (!(error instanceof SecretUnreadableError)) throw error;
    // Trying again cannot help until someone adds the webhook again (or restores the right key).
    return { ok: false, retry: false, error: WEBHOOK_MESSAGES.secretUnreadable };
  }
  const signature = new Webhook(secret).sign(messageId, now, body);
  const { WEBHOOK_TIMEOUT_MS } = getEnv();
  try {
    const response = await fetch(row.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "webhook-id": messageId,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
      // A redirect would carry the event to an address the admin did not choose: "manual" hands the
      // 3xx back unfollowed, so it is reported as what it is.
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    // The answer's body means nothing to us (the status is the answer); not reading it frees the connection.
    await response.body?.cancel();
    return classifyAnswer(response.status);
  } catch (error) {
    return {
      ok: false,
      retry: true,
      error: isTimeout(error)
        ? WEBHOOK_MESSAGES.timedOut(WEBHOOK_TIMEOUT_MS)
        : WEBHOOK_MESSAGES.unreachable(describeFetchError(error)),
    };
  }
}

/** 2xx delivered; 408, 429 and 5xx worth another try; any other answer a refusal not worth repeating. */
export function classifyAnswer(statusCode: number): AttemptResult {
  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode };
  if (statusCode >= 300 && statusCode < 400)
    return { ok: false, retry: false, statusCode, error: WEBHOOK_MESSAGES.redirected(statusCode) };
  if (statusCode === 408 || statusCode === 429 || statusCode >= 500)
    return { ok: false, retry: true, statusCode, error: WEBHOOK_MESSAGES.failedRetry(statusCode) };
  return { ok: false, retry: false, statusCode, error: WEBHOOK_MESSAGES.refused(statusCode) };
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

/** The kind of network fault (e.g. "ECONNREFUSED"): never the URL, which may carry a token of the receiver's. */
function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? cause.code : "no connection";
}
