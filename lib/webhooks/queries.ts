import "server-only";

import type { Person } from "@/lib/auth/person";
import { SecretUnreadableError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";

import type { DeliveryView, WebhookView } from "./results";
import { TEST_EVENT_TYPE } from "./schemas.browser-safe";
import { openWebhookSecret } from "./webhook-secret";

// Reads for the Webhooks page and the API. Webhooks are the admin's: for anyone else, nothing.

/** How many of a webhook's deliveries its log shows (newest first). */
export const DELIVERY_LOG_LENGTH = 20;
/** The ids test events are sent with, so the log can name them without an Alert row. */
export const TEST_MESSAGE_PREFIX = "msg_test_";

interface WebhookRow {
  id: string;
  url: string;
  events: string;
  createdAt: Date;
  createdByName: string;
  secretCiphertext: string;
  secretKeyId: string;
}

interface DeliveryRow {
  id: string;
  alertId: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string;
  createdAt: Date;
  deliveredAt: Date | null;
  nextAttemptAt: Date;
}

export const WEBHOOK_COLUMNS = {
  id: true,
  url: true,
  events: true,
  createdAt: true,
  createdByName: true,
  secretCiphertext: true,
  secretKeyId: true,
} as const;

const DELIVERY_COLUMNS = {
  id: true,
  alertId: true,
  status: true,
  attempts: true,
  lastStatusCode: true,
  lastError: true,
  createdAt: true,
  deliveredAt: true,
  nextAttemptAt: true,
} as const;

/** Every webhook, oldest first, each with its recent deliveries (the admin only). */
export async function listWebhooks(person: Person): Promise<WebhookView[]> {
  if (person.role !== "admin") return [];
  const rows = await getDb().webhook.findMany({
    select: {
      ...WEBHOOK_COLUMNS,
      deliveries: {
        select: DELIVERY_COLUMNS,
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: DELIVERY_LOG_LENGTH,
      },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const eventTypes = await alertTypes(rows.flatMap((row) => row.deliveries.map((delivery) => delivery.alertId)));
  return rows.map((row) =>
    toWebhookView(
      row,
      row.deliveries.map((delivery) => toDeliveryView(delivery, eventTypes)),
    ),
  );
}

/** A webhook as it may leave the server: the secret only as whether it still opens. */
export function toWebhookView(row: WebhookRow, deliveries: DeliveryView[] = []): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: row.events.split(",").filter(Boolean),
    createdAt: row.createdAt.toISOString(),
    createdByName: row.createdByName,
    secretReadable: secretOpens(row),
    deliveries,
  };
}

export function toDeliveryView(row: DeliveryRow, eventTypes: Map<string, string>): DeliveryView {
  const status = row.status === "delivered" || row.status === "failed" ? row.status : "pending";
  return {
    id: row.id,
    event: eventTypes.get(row.alertId) ?? (row.alertId.startsWith(TEST_MESSAGE_PREFIX) ? TEST_EVENT_TYPE : "unknown"),
    status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: status === "pending" ? row.nextAttemptAt.toISOString() : null,
  };
}

export const DELIVERY_VIEW_COLUMNS = DELIVERY_COLUMNS;

async function alertTypes(alertIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(alertIds)].filter((id) => !id.startsWith(TEST_MESSAGE_PREFIX));
  if (ids.length === 0) return new Map();
  const alerts = await getDb().alert.findMany({ where: { id: { in: ids } }, select: { id: true, type: true } });
  return new Map(alerts.map((alert) => [alert.id, alert.type]));
}

function secretOpens(row: WebhookRow): boolean {
  try {
    // Opened only to tell whether it opens; the secret is dropped at once.
    openWebhookSecret(row.id, { keyId: row.secretKeyId, ciphertext: row.secretCiphertext });
    return true;
  } catch (error) {
    if (error instanceof SecretUnreadableError) return false;
    throw error;
  }
}
