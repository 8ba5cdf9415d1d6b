import "server-only";

import PgBoss from "pg-boss";

import { drainStream, findDueStreams } from "./deliver-stream";
import { streamKey, type DeliverySettings, type DeliveryStream } from "./delivery-settings";
import { troubleLogger, type DeliveryRunner } from "./outbox-loop";
import { pgBossSchema } from "./pg-boss-schema";
import { planAlerts } from "./plan-deliveries";

const QUEUE = "alert-deliveries";
/** How often each instance looks for due streams whose wake-up was lost (a process died mid-job). */
const SWEEP_MS = 30_000;
/** A stop waits this long for a stream being sent to; pg-boss's own default is 30 s. */
const STOP_WAIT_MS = 3_000;
/** Streams one instance sends to at once (each waits on a receiver for up to its timeout). */
const STREAMS_PER_BATCH = 8;
/** Connections pg-boss holds per instance, beside the app's own pool. */
const POOL_SIZE = 3;

/**
 * PostgreSQL's runner, with pg-boss carrying the wake-ups. Why this shape: the Delivery table stays
 * the truth — order, attempts, the log people read, claims by conditional update, so a delivery is
 * never sent twice at once whatever pg-boss does — and pg-boss carries what polling would
 * otherwise do: one job per (recipient, credential) stream, delayed to the moment its oldest
 * pending delivery is due (startAfter, to the second; its cron has minute precision), picked up by
 * whichever instance is free. The queue's "short" policy with the stream as singletonKey keeps at
 * most one waiting job per stream, so wake-ups never pile up. A job sends what is due, then queues
 * the stream's next wake-up. pg-boss's own retries are off: retries are the Delivery table's.
 *
 * Alerts are written inside the transactions that change a credential's state, where no job can
 * be queued, so each instance plans them each second (lib/alerts/plan-deliveries.ts, planned
 * exactly once however many instances look) and wakes the streams that got deliveries. A sweep
 * at start and every 30 s wakes any stream whose due delivery has no job (an instance died
 * mid-job; a restored backup, which leaves pg-boss's schema out): nothing is lost.
 */
export function startPgBossDeliveries(
  databaseUrl: string,
  settings: DeliverySettings,
  pollMs: number,
  log: (line: string) => void,
): DeliveryRunner {
  let stopped = false;
  const trouble = troubleLogger(log);
  const connection = new URL(databaseUrl);
  // Prisma's parameter, which node-postgres does not know; pg-boss has its own schema.
  connection.searchParams.delete("schema");
  const boss = new PgBoss({
    connectionString: connection.toString(),
    schema: pgBossSchema(databaseUrl),
    max: POOL_SIZE,
    application_name: "credentials-deliveries",
    // Delayed jobs only: no cron, so no clock monitor either.
    schedule: false,
  });
  boss.on("error", trouble);

  const wake = async (stream: DeliveryStream, at: Date) => {
    await boss.send(QUEUE, stream, { singletonKey: streamKey(stream), startAfter: at, retryLimit: 0 });
  };
  const wakeDue = async () => {
    for (const stream of await findDueStreams(new Date(), 500)) await wake(stream, new Date());
  };

  const timers: NodeJS.Timeout[] = [];
  // What the timers are doing now: a stop waits for it, so nothing plans or queues after it.
  const running = new Set<Promise<void>>();
  const every = (ms: number, work: () => Promise<void>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (stopped || busy) return;
      busy = true;
      const run = work()
        .catch(trouble)
        .finally(() => {
          busy = false;
          running.delete(run);
        });
      running.add(run);
    }, ms);
    timer.unref();
    timers.push(timer);
  };

  const started = (async () => {
    await boss.start();
    await boss.createQueue(QUEUE, { name: QUEUE, policy: "short", retryLimit: 0, expireInSeconds: 15 * 60 });
    // A batch is distinct streams (one waiting job per stream), drained side by side; pg-boss
    // fetches the next batch after this one and a poll interval, or at once when notified.
    const worker = await boss.work<DeliveryStream>(
      QUEUE,
      { pollingIntervalSeconds: Math.max(0.5, pollMs / 1000), batchSize: STREAMS_PER_BATCH },
      async (jobs) => {
        await Promise.all(
          jobs.map(async (job) => {
            const stream = { recipient: job.data.recipient, credentialId: job.data.credentialId };
            const next = await drainStream(stream, settings, () => stopped, log);
            if (next) await wake(stream, next);
          }),
        ).catch(trouble);
      },
    );
    await wakeDue();
    log(`[deliveries] sending alerts (webhooks, email) through pg-boss, schema "${pgBossSchema(databaseUrl)}"`);
    if (stopped) return;
    every(pollMs, async () => {
      const streams = await planAlerts();
      for (const stream of streams) await wake(stream, new Date());
      if (streams.length > 0) boss.notifyWorker(worker);
    });
    every(SWEEP_MS, wakeDue);
  })().catch((error: unknown) => {
    trouble(error);
    log("[deliveries] the job queue did not start: alerts wait in the database until the next start");
  });

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await started;
      await Promise.allSettled(running);
      await boss.stop({ graceful: true, timeout: STOP_WAIT_MS, close: true, wait: true }).catch(trouble);
    },
  };
}
