import "server-only";

import { getDb } from "@/lib/db/client";
import { sendWebhook, type AttemptResult } from "@/lib/webhooks/send-webhook";

import { maxAttempts, type DeliverySettings } from "./delivery-settings";
import { deliveryMessages } from "./messages";
import { sendEmail } from "./send-email";

interface PendingDelivery {
  id: string;
  alertId: string;
  channel: string;
  webhookId: string | null;
  recipient: string;
  attempts: number;
  nextAttemptAt: Date;
}

/**
 * Claims a due delivery and makes one attempt at it. The claim is one conditional update — move
 * nextAttemptAt a lease on and count the attempt, only if nextAttemptAt still holds the value read
 * — so however many runners see the same due delivery, exactly one sends it (as
 * lib/credential-watch/claim-due-checks.ts does for checks). Returns false when another won it.
 */
export async function attemptDelivery(
  delivery: PendingDelivery,
  settings: DeliverySettings,
  log: (line: string) => void,
): Promise<boolean> {
  const db = getDb();
  const leaseUntil = new Date(Date.now() + settings.leaseMs);
  const won = await db.delivery.updateMany({
    where: { id: delivery.id, status: "pending", nextAttemptAt: delivery.nextAttemptAt },
    // lastError "" marks it as being attempted (every failed attempt leaves an error), so a runner
    // that finds it not due can tell an attempt under way from a wait for a retry (deliver-stream.ts).
    data: { nextAttemptAt: leaseUntil, attempts: { increment: 1 }, lastError: "" },
  });
  if (won.count !== 1) return false;
  const attempts = delivery.attempts + 1;
  const result = await send(delivery).catch((error: unknown): AttemptResult => {
    // A bug of ours, not the recipient's answer: logged here (never with a secret in it), retried.
    log(`[deliveries] delivery ${delivery.id} failed unexpectedly: ${error instanceof Error ? error.name : "error"}`);
    return { ok: false, retry: true, error: deliveryMessages.unexpected };
  });
  const now = new Date();
  const outcome = result.ok
    ? { status: "delivered", deliveredAt: now, lastStatusCode: result.statusCode, lastError: "" }
    : !result.retry || attempts >= maxAttempts(settings)
      ? {
          status: "failed",
          lastStatusCode: result.statusCode ?? null,
          lastError: result.error || deliveryMessages.failed,
        }
      : {
          nextAttemptAt: new Date(now.getTime() + settings.backoffMs[attempts - 1]!),
          lastStatusCode: result.statusCode ?? null,
          lastError: result.error || deliveryMessages.failed,
        };
  // Only while the lease is still ours: past it another runner may be making the next attempt,
  // and its outcome is the one to keep.
  await db.delivery.updateMany({ where: { id: delivery.id, nextAttemptAt: leaseUntil }, data: outcome });
  return true;
}

async function send(delivery: PendingDelivery): Promise<AttemptResult> {
  const alert = await getDb().alert.findUnique({ where: { id: delivery.alertId }, select: { payload: true } });
  if (!alert) return { ok: false, retry: false, error: deliveryMessages.alertGone };
  if (delivery.channel === "webhook" && delivery.webhookId)
    return sendWebhook(delivery.webhookId, delivery.alertId, alert.payload);
  if (delivery.channel === "email") return sendEmail(delivery.recipient, alert.payload);
  return { ok: false, retry: false, error: deliveryMessages.unknownChannel };
}
