// `npm run bench:watch-sweep` (after `npm run build`; issue #28, "Measured"): the watch checking
// 10,000 credentials against the fake ClickUp answering after 100 ms. The built app (`next start`,
// one process, a fresh SQLite file) with CREDENTIAL_CHECKS_PER_MINUTE=6000 and the default hour's
// interval, so each credential is checked once in the run. The credentials are written straight
// into the database, each with its own token sealed under the app's key ring (ClickUp's 100 calls
// a minute are per token, and credentials holding one token share it: distinct tokens are what
// lets the global rate, not the per-token one, bound the sweep), due in most of an interval; then
// all are made due at once. Prints how long the sweep took, the server's CPU per check (over the
// sweep's first 20 s, which run alone), ClickUp calls a minute as the fake saw them (overall, in
// the busiest 60 s, per token), and Save's p95 (`POST /api/v1/credentials`, as bench 7 saves, one
// after another) for the rest of the sweep ÷ with no sweep (before and after it), in one run. Options: --credentials N (10000), --rate R (6000), --max-seconds S
// (300: a sweep still running then is stopped and its pace projected).
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

import { parseKeyRing } from "../../lib/crypto/key-ring";
import { sealSecret } from "../../lib/crypto/secret-box";
import { insertApiKey } from "./api-save";
import { ownerId, signInToApp } from "./session";
import {
  cpuMs,
  median,
  migratedDatabase,
  percentile,
  root,
  round,
  sleep,
  startFakeClickUp,
  treeCpuMs,
} from "./support";
import { FAKE_PORTS, fakeRequests, saveThroughApi, seconds, startServer, type FakeRequest } from "./watch-support";

const DELAY_MS = 100;
const INTERVAL_SECONDS = 3600;
/** Saves timed with no sweep, before it and again after it. */
const QUIET_SAVES = 100;
/** The sweep's first seconds run alone: its CPU per check, with no saves to tell apart. */
const ALONE_MS = 20_000;
const SWEEP_TOKEN = "pk_slow_sweep_";

function option(name: string, fallback: number, min: number) {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} needs a whole number from ${min}`);
  return value;
}

/**
 * A DateTime as the app's Prisma adapter stores it, copied from a value it wrote (`sample`): ms
 * since the epoch, or ISO text in the same shape.
 */
function storedLike(sample: unknown, at: number): number | string {
  if (typeof sample === "number" || typeof sample === "bigint") return at;
  const iso = new Date(at).toISOString();
  return String(sample).endsWith("+00:00") ? iso.replace("Z", "+00:00") : iso;
}

/** Credentials with sealed, distinct tokens, due at `dueAt`; in transactions of 1,000 so the app waits little. */
function seed(file: string, count: number, keyRing: string, dueAt: number) {
  const ring = parseKeyRing(keyRing, "bench");
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 30000");
    const sample = (db.prepare('SELECT "createdAt" FROM "User" LIMIT 1').get() as { createdAt: unknown }).createdAt;
    const time = (at: number) => storedLike(sample, at);
    const insert = db.prepare(
      'INSERT INTO "Credential" (id, connector, name, "nameKey", description, "secretCiphertext", "secretKeyId", "secretLast4", "accountId", "accountName", "accountEmail", "lastVerifiedAt", "nextCheckAt", "createdAt", "updatedAt", "ownerId") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const now = Date.now();
    for (let from = 0; from < count; from += 1000) {
      db.transaction(() => {
        for (let i = from; i < Math.min(count, from + 1000); i += 1) {
          const id = randomUUID();
          const token = `${SWEEP_TOKEN}${i}_${randomBytes(6).toString("hex")}`;
          // Bound to its row as lib/credentials/secret.ts binds every token (credentialSecretContext).
          const sealed = sealSecret(ring, token, `credential:${id}`);
          const name = `Sweep ${String(i).padStart(5, "0")}`;
          insert.run(
            id,
            "clickup",
            name,
            name.toLowerCase(),
            "",
            sealed.ciphertext,
            sealed.keyId,
            token.slice(-4),
            "1001",
            "Ada Lovelace",
            "ada@example.test",
            time(now),
            time(dueAt),
            time(now),
            time(now),
            ownerId,
          );
        }
      })();
    }
    return time;
  } finally {
    db.close();
  }
}

/** The most of `times` (ms, sorted) inside any 60-second window. */
function busiestMinute(times: number[]): number {
  let most = 0;
  for (let start = 0, end = 0; end < times.length; end += 1) {
    while (times[end] - times[start] >= 60_000) start += 1;
    most = Math.max(most, end - start + 1);
  }
  return most;
}

function callFigures(requests: FakeRequest[], from: number, to: number) {
  // Checks still running when the sweep was stopped (--max-seconds) are not the sweep's.
  const sweep = requests.filter((r) => r.authorization?.startsWith(SWEEP_TOKEN) && Date.parse(r.at) <= to);
  const at = (list: FakeRequest[]) => list.map((r) => Date.parse(r.at)).sort((a, b) => a - b);
  const perToken = new Map<string, number[]>();
  for (const request of sweep)
    perToken.set(request.authorization!, [...(perToken.get(request.authorization!) ?? []), Date.parse(request.at)]);
  const minutes = Math.max((to - from) / 60_000, 1 / 60);
  return {
    calls: sweep.length,
    checks: sweep.filter((r) => r.path === "/api/v2/user").length,
    callsPerMinute: round(sweep.length / minutes, 0),
    busiestMinuteCalls: busiestMinute(at(sweep)),
    busiestMinuteChecks: busiestMinute(at(sweep.filter((r) => r.path === "/api/v2/user"))),
    busiestMinuteAll: busiestMinute(at(requests.filter((r) => Date.parse(r.at) >= from))),
    tokens: perToken.size,
    mostPerToken: Math.max(0, ...[...perToken.values()].map((times) => busiestMinute(times.sort((a, b) => a - b)))),
  };
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("No build found: run `npm run build` first.");
  const count = option("--credentials", 10_000, 1);
  const rate = option("--rate", 6000, 1);
  const maxSeconds = option("--max-seconds", 300, 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-bench-watch-sweep-"));
  const stops: (() => Promise<void>)[] = [];
  const loadBefore = os.loadavg()[0];
  try {
    const database = migratedDatabase(path.join(dir, "app.db"));
    const keyRing = `bench:${randomBytes(32).toString("base64")}`;
    const fake = await startFakeClickUp(DELAY_MS, FAKE_PORTS);
    stops.push(fake.stop);
    const app = await startServer({
      DATABASE_URL: `file:${database}`,
      CREDENTIAL_ENCRYPTION_KEYS: keyRing,
      CLICKUP_API_BASE_URL: fake.url,
      CLICKUP_TIMEOUT_MS: "10000",
      TOKEN_CHECKS_PER_MINUTE: "100000",
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
      DATABASE_BUSY_TIMEOUT_MS: "30000",
      CREDENTIAL_CHECK_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
      CREDENTIAL_CHECKS_PER_MINUTE: String(rate),
    });
    stops.push(app.stop);
    console.log(
      `watch sweep: ${count.toLocaleString("en")} credentials (distinct tokens), CREDENTIAL_CHECKS_PER_MINUTE=${rate}, ` +
        `CREDENTIAL_CHECK_INTERVAL_SECONDS=${INTERVAL_SECONDS}, fake ClickUp answering after ${DELAY_MS} ms (${fake.url}), ` +
        `npm start with one worker, SQLite (${app.url}); ${os.availableParallelism()} cores, load ${round(loadBefore)}`,
    );
    await signInToApp(app.url, database);
    const key = insertApiKey(database);
    // Not due yet (and inside the interval, so the watch leaves their schedule alone) until the sweep starts.
    const time = seed(database, count, keyRing, Date.now() + INTERVAL_SECONDS * 900);
    console.log(`seeded ${count.toLocaleString("en")} credentials; saves with no sweep…`);

    const run = randomBytes(3).toString("hex");
    let n = 0;
    const save = async () =>
      (await saveThroughApi(app.url, key, `Save ${run} ${n++}`, `pk_slow_${randomBytes(12).toString("hex")}`)).ms;
    for (let i = 0; i < 5; i += 1) await save();
    const quiet: number[] = [];
    let cpuBefore = treeCpuMs(app.pid);
    for (let i = 0; i < QUIET_SAVES; i += 1) quiet.push(await save());
    const cpuPerSave = (treeCpuMs(app.pid) - cpuBefore) / QUIET_SAVES;

    const reader = new Database(database, { readonly: true, fileMustExist: true });
    const checked = reader.prepare(`SELECT COUNT(*) AS n FROM "CredentialCheck" WHERE "trigger" = 'schedule'`);
    const writer = new Database(database, { fileMustExist: true });
    writer.pragma("busy_timeout = 30000");
    const sweepFrom = Date.now();
    writer.prepare(`UPDATE "Credential" SET "nextCheckAt" = ? WHERE "name" LIKE 'Sweep %'`).run(time(sweepFrom));
    writer.close();
    console.log(`all due at ${new Date(sweepFrom).toISOString()}; saving beside the sweep…`);
    const progress = () => (checked.get() as { n: number }).n;
    let done = 0;
    let lastReport = sweepFrom;
    const report = () => {
      if (Date.now() - lastReport < 15_000) return;
      lastReport = Date.now();
      console.log(`  ${seconds(lastReport - sweepFrom)} s: ${done} checked`);
    };
    const running = () => done < count && Date.now() - sweepFrom < maxSeconds * 1000;
    // Alone first: the server's CPU per check, and the fake's.
    cpuBefore = treeCpuMs(app.pid);
    const fakeCpuBefore = cpuMs(fake.pid);
    while (running() && Date.now() - sweepFrom < ALONE_MS) {
      await sleep(250);
      done = progress();
      report();
    }
    const alone = {
      checks: done,
      serverCpu: treeCpuMs(app.pid) - cpuBefore,
      fakeCpu: cpuMs(fake.pid) - fakeCpuBefore,
      ms: Date.now() - sweepFrom,
    };
    // Then one person saving back to back until the sweep is over.
    const during: number[] = [];
    while (running()) {
      during.push(await save());
      done = progress();
      report();
    }
    const sweepTo = Date.now();
    // Every token opened with the key ring and ClickUp accepted it: the checks were real ones.
    const states = reader
      .prepare(
        `SELECT "state", COUNT(*) AS n FROM "Credential" WHERE "name" LIKE 'Sweep %' AND "lastCheckedAt" IS NOT NULL GROUP BY "state"`,
      )
      .all() as { state: string; n: number }[];
    reader.close();
    const finished = done >= count;

    // With no sweep again, after it: both sides of it, so a change in the machine's load shows.
    const after: number[] = [];
    for (let i = 0; i < QUIET_SAVES; i += 1) after.push(await save());

    const calls = callFigures(await fakeRequests(fake.url), sweepFrom, sweepTo);
    const sweepMs = sweepTo - sweepFrom;
    const p95 = (ms: number[]) => round(percentile(ms, 95));
    const noSweep = [...quiet, ...after];
    console.log(
      `\nSweep of ${count.toLocaleString("en")} credentials (load ${round(loadBefore)} → ${round(os.loadavg()[0])}):`,
    );
    console.log(
      finished
        ? `  whole sweep:                 ${seconds(sweepMs)} s (${round((done / sweepMs) * 60_000, 0)} checks/min)`
        : `  NOT finished in ${maxSeconds} s: ${done} checked (${round((done / sweepMs) * 60_000, 0)} checks/min) → whole sweep projected ${seconds((count / done) * sweepMs)} s`,
    );
    console.log(`  states of those checked:     ${states.map((s) => `${s.n} ${s.state}`).join(", ")}`);
    console.log(
      `  server CPU per check:        ${round(alone.serverCpu / Math.max(alone.checks, 1), 2)} ms (the sweep's first ${seconds(alone.ms)} s alone: ${alone.checks} checks, ${round(alone.serverCpu / 1000, 1)} s CPU, ${round((alone.checks / alone.ms) * 60_000, 0)} checks/min); fake ClickUp ${round(alone.fakeCpu / Math.max(alone.checks, 1), 2)} ms; a save ${round(cpuPerSave, 1)} ms`,
    );
    console.log(
      `  ClickUp calls (fake's log):  ${calls.callsPerMinute}/min on average, ${calls.busiestMinuteCalls} in the busiest 60 s (${calls.busiestMinuteChecks} checks; limit ${rate} checks/min → ${calls.busiestMinuteChecks <= rate ? "under" : "OVER"})` +
        `; all calls incl. saves: ${calls.busiestMinuteAll} in the busiest 60 s`,
    );
    console.log(
      `  per token:                   at most ${calls.mostPerToken} calls in any 60 s over ${calls.tokens} tokens (ClickUp's 100/min → ${calls.mostPerToken <= 100 ? "under" : "OVER"})`,
    );
    console.log(
      `  Save (POST /api/v1/credentials, ClickUp ${DELAY_MS} ms): p95 ${p95(during)} ms during the sweep (${during.length} saves, p50 ${round(median(during))})` +
        ` vs ${p95(noSweep)} ms with none (${noSweep.length}: before ${p95(quiet)}, after ${p95(after)}; p50 ${round(median(noSweep))})` +
        ` → ${(percentile(during, 95) / percentile(noSweep, 95)).toFixed(2)}× (goal < 1.2×)`,
    );
    if (!finished) process.exitCode = 1;
  } finally {
    for (const stop of stops.reverse()) await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
