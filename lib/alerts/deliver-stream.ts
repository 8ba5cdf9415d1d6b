import "server-only";

import { getDb } from "@/lib/db/client";

import { attemptDelivery } from "./attempt-delivery";
import type { DeliverySettings, DeliveryStream } from "./delivery-settings";

/** Deliveries one drain sends before it gives others a turn (it is woken again at once). */
const DELIVERIES_PER_DRAIN = 20;

/**
 * Sends a stream's due deliveries in order: only its oldest pending delivery (by createdAt, then
 * id) is ever attempted, so a newer one waits while an older one is retried, and goes on once
 * that is delivered or failed. Returns when the stream next needs a visit (its oldest pending
 * delivery's next attempt, or now when there is more), or undefined when nothing is pending or
 * another runner is attempting it: that runner goes on with the stream, and a wake-up queued for
 * the end of its lease would only delay the stream's next retry (pg-boss keeps one waiting job per
 * stream). Should that runner die, its lease ends and the sweep finds the delivery due.
 */
export async function drainStream(
  stream: DeliveryStream,
  settings: DeliverySettings,
  stopping: () => boolean,
  log: (line: string) => void,
): Promise<Date | undefined> {
  for (let sent = 0; sent < DELIVERIES_PER_DRAIN && !stopping(); sent++) {
    const head = await getDb().delivery.findFirst({
      where: { ...stream, status: "pending" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        alertId: true,
        channel: true,
        webhookId: true,
        recipient: true,
        attempts: true,
        nextAttemptAt: true,
        lastError: true,
      },
    });
    if (!head) return undefined;
    if (head.nextAttemptAt.getTime() > Date.now()) return beingAttempted(head) ? undefined : head.nextAttemptAt;
    if (!(await attemptDelivery(head, settings, log))) return undefined;
  }
  return new Date();
}

/**
 * Streams whose oldest pending delivery is due, most overdue first. One query on either
 * database: a pending delivery with no older pending one of the same recipient and credential.
 * Blocked deliveries behind a waiting one are never returned, so they cannot crowd out others.
 */
export async function findDueStreams(now: Date, limit: number): Promise<DeliveryStream[]> {
  return getDb().$queryRaw<DeliveryStream[]>`
    SELECT d."recipient", d."credentialId"
    FROM "Delivery" d
    WHERE d."status" = 'pending' AND d."nextAttemptAt" <= ${now}
      AND NOT EXISTS (
        SELECT 1 FROM "Delivery" o
        WHERE o."recipient" = d."recipient" AND o."credentialId" = d."credentialId" AND o."status" = 'pending'
          AND (o."createdAt" < d."createdAt" OR (o."createdAt" = d."createdAt" AND o."id" < d."id"))
      )
    ORDER BY d."nextAttemptAt"
    LIMIT ${limit}`;
}

/**
 * A pending delivery not due is either waiting for a retry (its last attempt left an error) or
 * claimed by a runner attempting it now: the claim clears lastError (attempt-delivery.ts), and a
 * delivery never attempted is due from the moment it is planned.
 */
function beingAttempted(head: { attempts: number; lastError: string }): boolean {
  return head.attempts === 0 || head.lastError === "";
}
