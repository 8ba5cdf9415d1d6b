import "server-only";

import { databaseTrouble } from "@/lib/db/errors";

import { drainStream, findDueStreams } from "./deliver-stream";
import { streamKey, type DeliverySettings } from "./delivery-settings";
import { planAlerts } from "./plan-deliveries";

/** Streams one process sends to at once (each waits on a receiver for up to its timeout). */
const STREAMS_IN_FLIGHT = 8;
/** How long a stop waits for attempts under way; one cut short is retried once its lease ends. */
const STOP_WAIT_MS = 5_000;

export interface DeliveryRunner {
  stop(): Promise<void>;
}

/**
 * The embedded default's runner: the Delivery table is an outbox that one process per instance
 * (the first worker) polls. Each tick plans new alerts, then drains the streams whose oldest
 * pending delivery is due. Every claim is a conditional update, so a second runner on the same
 * file (another instance, a test) never sends a delivery twice.
 */
export function startOutbox(settings: DeliverySettings, pollMs: number, log: (line: string) => void): DeliveryRunner {
  let stopped = false;
  let ticking: Promise<void> | undefined;
  const inFlight = new Map<string, Promise<void>>();
  const trouble = troubleLogger(log);

  const drain = async () => {
    await planAlerts();
    const free = STREAMS_IN_FLIGHT - inFlight.size;
    if (free <= 0) return;
    for (const stream of await findDueStreams(new Date(), free + inFlight.size)) {
      const key = streamKey(stream);
      if (stopped || inFlight.size >= STREAMS_IN_FLIGHT || inFlight.has(key)) continue;
      const work = drainStream(stream, settings, () => stopped, log)
        .then(() => undefined, trouble)
        .finally(() => inFlight.delete(key));
      inFlight.set(key, work);
    }
  };
  const timer = setInterval(() => {
    // One tick at a time: a slow database must not pile up ticks.
    if (stopped || ticking) return;
    ticking = drain()
      .catch(trouble)
      .finally(() => (ticking = undefined));
  }, pollMs);
  // A stopping server does not wait for the next tick.
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.race([
        Promise.allSettled([ticking, ...inFlight.values()]),
        new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref()),
      ]);
    },
  };
}

/** Database trouble and the like is said at most once a minute; the runner goes on. */
export function troubleLogger(log: (line: string) => void) {
  let last = 0;
  return (error: unknown) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    const kind = databaseTrouble(error);
    const said = kind
      ? `the database is ${kind === "outOfSpace" ? "out of space" : kind}`
      : String(error).split("\n")[0];
    log(`[deliveries] alerts wait: ${said}; trying again`);
  };
}
