// `npm start` with more than one worker: node:cluster processes sharing one port. Everything the
// app keeps across requests lives in the database (sessions, rate-limit windows, OAuth states), so
// any worker can answer any request; SQLite's lock between processes is waited for without
// blocking an event loop (lib/db/busy-wait.ts).
import cluster from "node:cluster";
import os from "node:os";

const MAX_WORKERS = 64;
// A worker that keeps dying is a fault to report, not to hide by restarting it forever.
const RESTARTS_PER_MINUTE = 5;

/**
 * How many workers WEB_CONCURRENCY asks for (the variable Heroku, Render and others set): unset or
 * empty means one per core. Returns a number, or a message saying what to set instead.
 */
export function workerCount(text = process.env.WEB_CONCURRENCY) {
  const value = text?.trim();
  if (!value) return Math.min(os.availableParallelism(), MAX_WORKERS);
  if (!/^\d{1,3}$/.test(value) || Number(value) < 1 || Number(value) > MAX_WORKERS)
    return `WEB_CONCURRENCY must be a whole number of worker processes from 1 to ${MAX_WORKERS} (or unset: one per core); got "${value}".`;
  return Number(value);
}

/**
 * Starts `count` workers running this same script. The first must be serving before the others
 * start, so that a configuration error is printed once and stops everything. Afterwards a worker
 * that dies is replaced, up to RESTARTS_PER_MINUTE. Returns what stops all of them, then this
 * process (server/start.mjs calls it on a stop signal).
 */
export function superviseWorkers(count, port) {
  let stoppingWith = null; // the exit code, once stopping
  let started = false; // the first worker has served
  let listening = 0;
  const restarts = [];
  const numbers = new WeakMap();

  const start = (number) => {
    const worker = cluster.fork({ APP_WORKER_NUMBER: String(number) });
    worker.once("listening", () => {
      if (!started) {
        started = true;
        for (let n = 2; n <= count; n++) start(n);
      }
      listening += 1;
      if (listening === count) console.log(`[start] Serving on http://localhost:${port} (${count} workers)`);
    });
    numbers.set(worker, number);
  };

  const stopAll = (code) => {
    if (stoppingWith !== null) return;
    stoppingWith = code;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(code);
    for (const worker of workers) worker?.process.kill("SIGTERM");
    // A worker that does not finish its requests in time is not waited for.
    setTimeout(() => process.exit(code), 10_000).unref();
  };

  cluster.on("exit", (worker, code, signal) => {
    if (stoppingWith !== null) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(stoppingWith);
      return;
    }
    const how = signal ? `signal ${signal}` : `exit ${code}`;
    if (!started) {
      // The first worker never served: its own message (bad configuration, port taken) says why.
      console.error(`[start] The server could not start (${how}).`);
      stopAll(code || 1);
      return;
    }
    const now = Date.now();
    while (restarts.length && now - restarts[0] > 60_000) restarts.shift();
    if (restarts.length >= RESTARTS_PER_MINUTE) {
      console.error(`[start] Workers stopped ${RESTARTS_PER_MINUTE} times within a minute; stopping.`);
      stopAll(1);
      return;
    }
    restarts.push(now);
    console.error(`[start] Worker ${numbers.get(worker)} stopped (${how}); starting another.`);
    start(numbers.get(worker));
  });

  start(1);
  return () => stopAll(0);
}
