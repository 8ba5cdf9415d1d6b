import type { ActionResult } from "@/lib/action-result.browser-safe";

import type { NewWebhookField } from "./schemas.browser-safe";

// What the webhook commands return (expected failures as data; only bugs throw).

/** One attempt log line: an alert (or a test event) to one webhook, and how it went. */
export interface DeliveryView {
  id: string;
  /** The alert type, or "webhook.test". */
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatusCode: number | null;
  /** Why the last attempt failed, when it did; "" otherwise. Never a secret. */
  lastError: string;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

/** A webhook as the page and the API show it: never its signing secret. */
export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  createdByName: string;
  /** False when its signing secret no longer decrypts: every delivery to it fails until it is added again. */
  secretReadable: boolean;
  /** The most recent deliveries, newest first. */
  deliveries: DeliveryView[];
}

/** `secret` is the signing secret ("whsec_…"): the only time it leaves the server. */
export type CreateWebhookResult = ActionResult<{ webhook: WebhookView; secret: string }, NewWebhookField>;
export type DeleteWebhookResult = ActionResult<null>;
/** The test event's delivery, delivered or failed: either way the command itself succeeded. */
export type SendTestEventResult = ActionResult<DeliveryView>;
