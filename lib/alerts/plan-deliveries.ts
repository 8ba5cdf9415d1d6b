import "server-only";

import { randomUUID } from "node:crypto";

import { getEnv } from "@/lib/config/env";
import { getDb, inTransaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { DeliveryStream } from "./delivery-settings";

/** Alerts planned per call; the runner calls again each second while more wait. */
const ALERTS_PER_CALL = 100;

/**
 * Turns alerts not yet planned into deliveries: one per webhook subscribed to the alert's type,
 * and, when SMTP is configured, one per person to email (the credential's owner and the people it
 * is shared with). Each alert is planned in one transaction that first marks it planned only if
 * nobody has yet (a conditional update), so with any number of runners, and a crash anywhere,
 * every alert is planned exactly once. Returns the streams that got new deliveries.
 */
export async function planAlerts(now: Date = new Date(), limit = ALERTS_PER_CALL): Promise<DeliveryStream[]> {
  const alerts = await getDb().alert.findMany({
    where: { plannedAt: null },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, type: true, credentialId: true, createdAt: true },
  });
  const emailOn = Boolean(getEnv().SMTP_URL);
  const streams = new Map<string, DeliveryStream>();
  for (const alert of alerts) {
    const planned = await inTransaction(async (tx) => {
      const won = await tx.alert.updateMany({ where: { id: alert.id, plannedAt: null }, data: { plannedAt: now } });
      if (won.count !== 1) return [];
      const recipients = [
        ...(await subscribedWebhooks(tx, alert.type)).map((webhookId) => ({
          channel: "webhook",
          webhookId,
          recipient: webhookId,
        })),
        ...(emailOn ? await peopleToEmail(tx, alert.credentialId) : []).map((email) => ({
          channel: "email",
          webhookId: null,
          recipient: email,
        })),
      ];
      await tx.delivery.createMany({
        data: recipients.map((to) => ({
          id: `delivery_${randomUUID()}`,
          alertId: alert.id,
          ...to,
          credentialId: alert.credentialId,
          status: "pending",
          // The alert's time, not the planning's: a stream goes out in the order things happened.
          createdAt: alert.createdAt,
          nextAttemptAt: now,
        })),
      });
      return recipients;
    });
    for (const { recipient } of planned)
      streams.set(`${recipient} ${alert.credentialId}`, { recipient, credentialId: alert.credentialId });
  }
  return [...streams.values()];
}

async function subscribedWebhooks(tx: Prisma.TransactionClient, type: string): Promise<string[]> {
  const webhooks = await tx.webhook.findMany({ select: { id: true, events: true }, orderBy: { createdAt: "asc" } });
  return webhooks
    .filter((webhook) => webhook.events.split(",").some((event) => event.trim() === type))
    .map((w) => w.id);
}

/** The credential's owner and the people it is shared with (none once it is deleted). */
async function peopleToEmail(tx: Prisma.TransactionClient, credentialId: string): Promise<string[]> {
  const credential = await tx.credential.findUnique({
    where: { id: credentialId },
    select: { owner: { select: { email: true } }, shares: { select: { user: { select: { email: true } } } } },
  });
  if (!credential) return [];
  const emails = [credential.owner?.email, ...credential.shares.map((share) => share.user.email)];
  return [...new Set(emails.filter((email): email is string => Boolean(email)))];
}
