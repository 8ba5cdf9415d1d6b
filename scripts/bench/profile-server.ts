// Not part of `npm run bench`: a probe of the built server's CPU cost per request, for finding
// where the time of benchmark 2 goes (docs/performance.md). Needs a build.
//
//   npx tsx scripts/bench/profile-server.ts             CPU per request, three kinds of request
//   PROFILE=1 npx tsx scripts/bench/profile-server.ts   …and a V8 CPU profile of next-server per kind
//
// Kinds, each as 3 bursts of BURST (50) at once and then BURST one after another:
//   save          a valid save, ClickUp answering after 100 ms (what benchmark 2 sends)
//   refused       a save refused by validation (a "Bearer" key): Next's action handling, the
//                 proxy and zod, with no database query and no ClickUp call, i.e. the floor
//   save-instant  a valid save, ClickUp answering at once
// ONLY=<kind> runs one kind. Profiles go to PROFILE_DIR (default: a temp folder, printed).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { learnSaveAction } from "./concurrency";
import { signInToApp } from "./session";
import { cpuMs, median, migratedDatabase, percentile, root, round, sleep, startApp, startFakeClickUp } from "./support";

const BURST = Number(process.env.BURST ?? 50);
const BURSTS = 3;

async function post(baseUrl: string, actionId: string, body: unknown) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/sources/new/clickup`, {
    method: "POST",
    headers: {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseUrl,
    },
    body: JSON.stringify(body),
  });
  await response.text();
  return { ms: performance.now() - started, status: response.status };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-profile-"));
  const profileDir = process.env.PROFILE_DIR ?? path.join(dir, "profiles");
  fs.mkdirSync(profileDir, { recursive: true });
  const database = migratedDatabase(path.join(dir, "server.db"));
  const fake = await startFakeClickUp(100);
  const app = await startApp({
    DATABASE_URL: `file:${database}`,
    CREDENTIAL_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    CLICKUP_API_BASE_URL: fake.url,
    CLICKUP_TIMEOUT_MS: "10000",
    TOKEN_CHECKS_PER_MINUTE: "100000",
    TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
    ...(process.env.PROFILE
      ? {
          NODE_OPTIONS: `--import ${pathToFileURL(path.join(root, "scripts/bench/cpu-profile-hook.mjs"))}`,
          PROF_OUT: profileDir,
        }
      : {}),
  });
  try {
    await signInToApp(app.url, database);
    const actionId = await learnSaveAction(app.url);
    const run = randomBytes(3).toString("hex");
    let n = 0;
    const save = (kind: "slow" | "good") => () =>
      post(app.url, actionId, [
        "clickup",
        { name: `Probe ${run} ${n++}`, description: "x", apiKey: `pk_${kind}_${randomBytes(12).toString("hex")}` },
      ]);
    const refused = () =>
      post(app.url, actionId, ["clickup", { name: `Probe ${run} ${n++}`, description: "x", apiKey: "Bearer pk_x" }]);
    const kinds = { save: save("slow"), refused, "save-instant": save("good") };
    for (let i = 0; i < 20; i += 1) for (const make of Object.values(kinds)) await make();

    console.log(`load average ${os.loadavg()[0].toFixed(1)}; server CPU per request from /proc`);
    for (const [label, make] of Object.entries(kinds)) {
      if (process.env.ONLY && process.env.ONLY !== label) continue;
      if (process.env.PROFILE) process.kill(app.serverPid, "SIGUSR2");
      for (let burst = 0; burst < BURSTS; burst += 1) {
        const before = cpuMs(app.serverPid);
        const results = await Promise.all(Array.from({ length: BURST }, make));
        const ms = results.map((r) => r.ms);
        const failed = results.filter((r) => r.status !== 200).length;
        console.log(
          `${label} ${BURST} at once: p50 ${round(median(ms))} p95 ${round(percentile(ms, 95))} ms, server CPU ${round((cpuMs(app.serverPid) - before) / BURST, 1)} ms/request${failed ? `, ${failed} not 200` : ""}`,
        );
      }
      const before = cpuMs(app.serverPid);
      const ms: number[] = [];
      for (let i = 0; i < BURST; i += 1) ms.push((await make()).ms);
      console.log(
        `${label} one at a time: p50 ${round(median(ms))} p95 ${round(percentile(ms, 95))} ms, server CPU ${round((cpuMs(app.serverPid) - before) / BURST, 1)} ms/request`,
      );
      if (process.env.PROFILE) {
        process.kill(app.serverPid, "SIGUSR2");
        await sleep(1500);
      }
    }
  } finally {
    await app.stop();
    await fake.stop();
    fs.rmSync(path.join(dir, "server.db"), { force: true });
    if (process.env.PROFILE) console.log(`profiles in ${profileDir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
