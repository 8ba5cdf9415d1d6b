import "server-only";

import { getEnv } from "@/lib/config/env";
import { databaseKind } from "@/lib/config/startup-rules.mjs";

import { DEFAULT_DELIVERY_SETTINGS, type DeliverySettings } from "./delivery-settings";
import { startOutbox, type DeliveryRunner } from "./outbox-loop";
import { startPgBossDeliveries } from "./pg-boss-deliveries";

/** How often new alerts are looked for (and, on SQLite, due deliveries). */
const POLL_MS = 1_000;

export interface DeliveryOptions extends Partial<DeliverySettings> {
  pollMs?: number;
  log?: (line: string) => void;
}

/**
 * Sends alerts (webhooks, email), at least once, retried with back-off across restarts: one
 * runner per instance, started by its first worker (instrumentation.ts). On the embedded SQLite
 * default an outbox the runner polls; on PostgreSQL pg-boss wakes it. Options are for tests.
 */
export function startDeliveries(options: DeliveryOptions = {}): DeliveryRunner {
  const { DATABASE_URL } = getEnv();
  const { pollMs = POLL_MS, log = console.log, ...overrides } = options;
  const settings = { ...DEFAULT_DELIVERY_SETTINGS, ...overrides };
  return databaseKind(DATABASE_URL) === "postgresql"
    ? startPgBossDeliveries(DATABASE_URL, settings, pollMs, log)
    : startOutbox(settings, pollMs, log);
}
