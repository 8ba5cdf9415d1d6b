// `npm run bench:workers`: what npm start's worker processes (WEB_CONCURRENCY, server/workers.mjs)
// buy. This build's npm start on the embedded default, with 1 worker and with 2, alternated in each
// round on copies of one migrated database, the fake ClickUp answering after 100 ms: saves per
// second with 16 clients saving back to back, and 50 saves at once (p95 ÷ 100 ms). The ratio
// 2 workers ÷ 1 is the figure; the load generator runs on the same cores, so on a 2-core machine
// the second worker competes with it.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { learnSaveAction, postSave } from "./concurrency";
import { signInToApp } from "./session";
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
import { savesPerSecond } from "./throughput";

const DELAY_MS = 100;
const CLIENTS = 16;
const BURST = 50;
const WORKERS = [1, 2];

function option(name: string, fallback: number) {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} needs a whole number from 1`);
  return value;
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("No build found: run `npm run build` first.");
  const rounds = option("--rounds", 3);
  const seconds = option("--seconds", 10);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-bench-workers-"));
  const fake = await startFakeClickUp(DELAY_MS);
  const stops: (() => Promise<void>)[] = [fake.stop];
  const loadBefore = os.loadavg()[0];
  try {
    const template = migratedDatabase(path.join(dir, "template.db"));
    const env = {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      CREDENTIAL_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
      CLICKUP_API_BASE_URL: fake.url,
      CLICKUP_TIMEOUT_MS: "10000",
      TOKEN_CHECKS_PER_MINUTE: "100000",
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
      DATABASE_BUSY_TIMEOUT_MS: "30000",
    };
    const results: Record<
      number,
      {
        savesPerSecond: number[];
        burstRatio: number[];
        failed: number;
        cpu: { server: number; fake: number; clients: number }[];
      }
    > = {};
    for (let n = 1; n <= rounds; n += 1) {
      for (const workers of WORKERS) {
        console.log(`round ${n} of ${rounds}: ${workers} worker${workers > 1 ? "s" : ""}…`);
        const database = path.join(dir, `${workers}-${n}.db`);
        fs.copyFileSync(template, database);
        const port = await freePort(3500, 3599);
        const app = startNode([path.join(root, "server", "start.mjs")], {
          ...env,
          DATABASE_URL: `file:${database}`,
          PORT: String(port),
          WEB_CONCURRENCY: String(workers),
        });
        stops.push(app.stop);
        const url = `http://127.0.0.1:${port}`;
        try {
          await waitForUrl(`${url}/setup`, app);
          // Every worker serving, not only the first.
          for (let waited = 0; !app.output().includes("Serving on"); waited += 100) {
            if (waited > 60_000) throw new Error(`the workers did not all start:\n${app.output()}`);
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          await signInToApp(url, database);
          const actionId = await learnSaveAction(url);
          for (let i = 0; i < 10; i += 1) await postSave(url, actionId, `Warm-up ${workers}-${n}-${i}`);
          // CPU per save of the three parties sharing the cores during the 16-client run: the app's
          // process tree, the fake ClickUp, and this benchmark's own clients.
          const before = { server: treeCpuMs(app.pid), fake: treeCpuMs(fake.pid), clients: process.cpuUsage() };
          const throughput = await savesPerSecond(url, app.pid, actionId, { clients: CLIENTS, seconds });
          const clientsUsage = process.cpuUsage(before.clients);
          const perSave = (ms: number) => ms / Math.max(throughput.saves, 1);
          const burst = await Promise.all(
            Array.from({ length: BURST }, (_, i) => postSave(url, actionId, `Burst ${workers}-${n}-${i}`)),
          );
          const entry = (results[workers] ??= { savesPerSecond: [], burstRatio: [], failed: 0, cpu: [] });
          entry.savesPerSecond.push(throughput.savesPerSecond);
          entry.cpu.push({
            server: perSave(treeCpuMs(app.pid) - before.server),
            fake: perSave(treeCpuMs(fake.pid) - before.fake),
            clients: perSave((clientsUsage.user + clientsUsage.system) / 1000),
          });
          entry.burstRatio.push(
            round(
              percentile(
                burst.map((result) => result.ms),
                95,
              ) / DELAY_MS,
              2,
            ),
          );
          entry.failed += throughput.failed + burst.filter((result) => !result.ok).length;
        } finally {
          await app.stop();
        }
      }
    }
    console.log(
      `\nnpm start, 1 worker vs 2 (${rounds} rounds alternated, median; ${os.availableParallelism()} cores; load ${round(loadBefore)} → ${round(os.loadavg()[0])}):`,
    );
    for (const workers of WORKERS) {
      const r = results[workers];
      console.log(
        `  ${workers} worker${workers > 1 ? "s" : " "}  saves/s (${CLIENTS} clients) ${median(r.savesPerSecond)}  [${r.savesPerSecond.join(", ")}]` +
          `   ${BURST} at once p95 ÷ ${DELAY_MS} ms ${median(r.burstRatio)}×  [${r.burstRatio.join(", ")}]   failed ${r.failed}`,
      );
    }
    for (const workers of WORKERS) {
      const cpu = results[workers].cpu;
      const part = (pick: (c: (typeof cpu)[number]) => number) => round(median(cpu.map(pick)), 1);
      const total = part((c) => c.server + c.fake + c.clients);
      console.log(
        `  ${workers} worker${workers > 1 ? "s" : " "}  CPU per save: server ${part((c) => c.server)} + fake ClickUp ${part((c) => c.fake)} + clients ${part((c) => c.clients)} = ${total} ms` +
          ` → at most ${round((os.availableParallelism() * 1000) / total, 1)} saves/s on ${os.availableParallelism()} cores`,
      );
    }
    const ratio = median(results[2].savesPerSecond) / median(results[1].savesPerSecond);
    console.log(`  saves/s, 2 workers ÷ 1: ${round(ratio)}× (aim ≥ 1.7×)`);
    console.log(
      `  ${BURST} at once p95, 2 workers ÷ 1: ${round(median(results[2].burstRatio) / median(results[1].burstRatio))}×`,
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
