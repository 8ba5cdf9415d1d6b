// `npm run bench:proxy`: what the ClickUp proxy (lib/clickup-proxy/) costs. This build's npm start
// with one worker on a fresh embedded database, and e2e/support/fake-clickup.mjs answering at once:
//   - overhead: the same ClickUp call made directly to the fake and through the ClickUp proxy,
//     alternated one by one (so both meet the same machine load), p50 and p95 of each and of the
//     difference (goal: p95 overhead < 5 ms on a quiet machine);
//   - server CPU per proxied call, from /proc of the server's processes (goal: < 2 ms), beside an
//     authenticated GET /api/v1/connectors measured the same way (Next's pipeline alone);
//   - proxied calls a second with 16 callers back to back, each through its own credential.
// The load generator runs on the same cores: on a 2-core machine it competes with the server.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

import { ownerId, signInToApp } from "./session";
import {
  freePort,
  median,
  migratedDatabase,
  percentile,
  root,
  round,
  startFakeClickUp,
  startNode,
  treeCpuMs,
  waitForUrl,
} from "./support";

const CALLERS = 16;

function option(name: string, fallback: number) {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number from 1`);
  return value;
}

async function timed(url: string, headers: Record<string, string>): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - started;
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("No build found: run `npm run build` first.");
  const calls = option("--calls", 400);
  const seconds = option("--seconds", 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-bench-proxy-"));
  const fake = await startFakeClickUp(0);
  const stops: (() => Promise<void>)[] = [fake.stop];
  const loadBefore = os.loadavg()[0];
  try {
    const database = migratedDatabase(path.join(dir, "app.db"));
    const port = await freePort(3500, 3599);
    const app = startNode([path.join(root, "server", "start.mjs")], {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: `file:${database}`,
      PORT: String(port),
      WEB_CONCURRENCY: "1",
      CREDENTIAL_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
      CLICKUP_API_BASE_URL: fake.url,
      TOKEN_CHECKS_PER_MINUTE: "100000",
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
      // No scheduled check during the run.
      CREDENTIAL_CHECK_INTERVAL_SECONDS: "604800",
    });
    stops.push(app.stop);
    const url = `http://127.0.0.1:${port}`;
    await waitForUrl(`${url}/setup`, app);
    await signInToApp(url, database);

    // An API key for the owner, written as the app writes one (only its hash is stored).
    const key = `cuk_${randomBytes(32).toString("base64url")}`;
    const db = new Database(database);
    db.prepare(
      'INSERT INTO "ApiKey" (id, "userId", name, prefix, "keyHash", "createdAt") VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      "bench-key",
      ownerId,
      "bench",
      key.slice(0, 12),
      createHash("sha256").update(key).digest("hex"),
      new Date().toISOString(),
    );
    const auth = { authorization: `Bearer ${key}` };
    const credentials: { id: string; token: string }[] = [];
    for (let i = 0; i < CALLERS; i += 1) {
      const token = `pk_good_bench_${randomBytes(8).toString("hex")}`;
      const response = await fetch(`${url}/api/v1/credentials`, {
        method: "POST",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify({ connector: "clickup", name: `Bench ${i}`, apiKey: token }),
      });
      if (response.status !== 201) throw new Error(`creating a credential answered ${response.status}`);
      credentials.push({ id: ((await response.json()) as { id: string }).id, token });
    }
    // The rate budget is not what is measured here: room for every call of the run.
    db.prepare('UPDATE "Credential" SET "callsPerMinute" = 1000000').run();
    db.close();

    const clickUpPath = "list/901/task";
    const direct = (c: { token: string }) => timed(`${fake.url}/api/v2/${clickUpPath}`, { authorization: c.token });
    const proxied = (c: { id: string }) => timed(`${url}/api/v1/credentials/${c.id}/clickup/${clickUpPath}`, auth);
    const [first] = credentials;
    for (let i = 0; i < 50; i += 1) await Promise.all([direct(first), proxied(first)]);

    // Overhead: alternated one by one.
    const directMs: number[] = [];
    const proxiedMs: number[] = [];
    const cpuBefore = treeCpuMs(app.pid);
    for (let i = 0; i < calls; i += 1) {
      directMs.push(await direct(first));
      proxiedMs.push(await proxied(first));
    }
    const cpuPerProxied = (treeCpuMs(app.pid) - cpuBefore) / calls;
    const differences = proxiedMs.map((ms, i) => ms - directMs[i]);

    // Next's own pipeline for an authenticated API call, for scale.
    const connectorsBefore = treeCpuMs(app.pid);
    for (let i = 0; i < calls; i += 1) await timed(`${url}/api/v1/connectors`, auth);
    const cpuPerConnectors = (treeCpuMs(app.pid) - connectorsBefore) / calls;

    // Throughput: 16 callers, each through its own credential, back to back.
    let done = 0;
    let failed = 0;
    const deadline = Date.now() + seconds * 1000;
    const throughputCpuBefore = treeCpuMs(app.pid);
    const started = performance.now();
    await Promise.all(
      credentials.map(async (credential) => {
        while (Date.now() < deadline) {
          try {
            await proxied(credential);
            done += 1;
          } catch {
            failed += 1;
          }
        }
      }),
    );
    const elapsedS = (performance.now() - started) / 1000;
    const cpuPerCallLoaded = (treeCpuMs(app.pid) - throughputCpuBefore) / Math.max(done, 1);

    const p = (values: number[], q: number) => round(percentile(values, q), 2);
    console.log(
      `\nClickUp proxy, npm start with 1 worker, fake ClickUp answering at once (${calls} calls each way, alternated; ${os.availableParallelism()} cores; load ${round(loadBefore)} → ${round(os.loadavg()[0])}):`,
    );
    console.log(`  direct to the fake        p50 ${p(directMs, 50)} ms   p95 ${p(directMs, 95)} ms`);
    console.log(`  through the ClickUp proxy p50 ${p(proxiedMs, 50)} ms   p95 ${p(proxiedMs, 95)} ms`);
    console.log(
      `  overhead (paired)         p50 ${p(differences, 50)} ms   p95 ${p(differences, 95)} ms   (goal: p95 < 5 ms)`,
    );
    console.log(
      `  server CPU per proxied call ${round(cpuPerProxied)} ms (goal < 2 ms); under 16 callers ${round(cpuPerCallLoaded)} ms`,
    );
    console.log(
      `  server CPU per authenticated GET /api/v1/connectors ${round(cpuPerConnectors)} ms (Next's pipeline, for scale)`,
    );
    console.log(
      `  ${CALLERS} callers through ${CALLERS} credentials: ${round(done / elapsedS, 1)} proxied calls/s over ${round(elapsedS, 1)} s, ${failed} failed` +
        ` (median latency of the alternated run: ${round(median(proxiedMs))} ms)`,
    );
  } finally {
    for (const stop of stops.reverse()) await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
