// One round of the through-the-server figures for one build (this project or .bench-baseline/):
// a cold start on a fresh database, then a server of that build on its own migrated database,
// signed in as the owner, measured as a person's browser would use it. Returns raw samples.
import fs from "node:fs";
import path from "node:path";

import { insertApiKey, postApi } from "./api-save";
import { learnSaveAction, postSave } from "./concurrency";
import { timeToFirstPage } from "./first-page";
import { launchBrowser, OWNER, signInToApp } from "./session";
import { captureSignInAction, signIn } from "./sign-in-action";
import { freePort, round, sleep, startNode, startScriptOf, treeCpuMs, treeRssMb, waitForUrl } from "./support";
import { savesPerSecond } from "./throughput";

export interface Build {
  label: "this build" | "baseline";
  dir: string;
  /** A database file with this build's migrations applied, copied for each round. */
  template: string;
}

export interface RoundSettings {
  clickUpDelayMs: number;
  /** Sequential saves measured for latency and CPU (after 5 warm-up saves). */
  sequentialSaves: number;
  burst: number;
  signIns: number;
  apiSaves: number;
  clients: number;
  throughputSeconds: number;
}

const PORTS: [number, number] = [3500, 3599];
const IDLE_SETTLE_MS = 2000;

/** `<dir>/server/start.mjs` (npm start of that build) on a free port, serving once /setup answers. */
async function startBuild(dir: string, env: Record<string, string>) {
  const port = await freePort(...PORTS);
  const child = startNode(
    [startScriptOf(dir)],
    { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env, PORT: String(port) },
    dir,
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/setup`, child);
  return { ...child, url };
}

export async function measureRound(
  build: Build,
  workDir: string,
  roundNumber: number,
  env: Record<string, string>,
  settings: RoundSettings,
  track: (stop: () => Promise<void>) => () => void,
) {
  const tag = `${build.label === "baseline" ? "baseline" : "this"}-${roundNumber}`;

  // Cold start: npm start of this build on a database that does not exist yet (it migrates it).
  const coldDir = path.join(workDir, `${tag}-cold`);
  const coldStartMs = await timeToFirstPage(path.join(coldDir, "data", "app.db"), false, {
    dir: build.dir,
    ports: PORTS,
    env,
  });
  fs.rmSync(coldDir, { recursive: true, force: true });

  const database = path.join(workDir, `${tag}.db`);
  fs.copyFileSync(build.template, database);
  const app = await startBuild(build.dir, { ...env, DATABASE_URL: `file:${database}` });
  const untrack = track(app.stop);
  try {
    await sleep(IDLE_SETTLE_MS);
    const idleRssMb = treeRssMb(app.pid);

    await signInToApp(app.url, database);
    // Action ids differ from build to build: learnt from this one.
    const actionId = await learnSaveAction(app.url);

    const browser = await launchBrowser();
    const signInAction = await captureSignInAction(browser, app.url).finally(() => browser.close());
    const signInMs: number[] = [];
    // One warm-up; within the 10 attempts per account and client per 15 minutes of a fresh database.
    for (let i = 0; i <= settings.signIns; i += 1) {
      const attempt = await signIn(signInAction, { ...OWNER, clientKey: "bench" });
      if (attempt.outcome !== "signed in") throw new Error(`${build.label}: sign-in answered "${attempt.outcome}"`);
      if (i > 0) signInMs.push(round(attempt.ms));
    }

    const name = (what: string, i: number) => `${what} ${tag} ${i}`;
    const save = async (what: string, i: number) => {
      const result = await postSave(app.url, actionId, name(what, i));
      if (!result.ok) throw new Error(`${build.label}: a save failed: ${result.problem}`);
      return result.ms;
    };
    for (let i = 0; i < 5; i += 1) await save("Warm-up", i);
    const cpuBefore = treeCpuMs(app.pid);
    const saveMs: number[] = [];
    for (let i = 0; i < settings.sequentialSaves; i += 1) saveMs.push(round(await save("Sequential", i)));
    const cpuMsPerSave = round((treeCpuMs(app.pid) - cpuBefore) / settings.sequentialSaves, 2);

    const burst = await Promise.all(
      Array.from({ length: settings.burst }, (_, i) => postSave(app.url, actionId, name("Burst", i))),
    );
    const burstFailed = burst.filter((result) => !result.ok).length;

    // The REST API's create: a build without it (404) gets no figure rather than a failed run.
    const apiMs: number[] = [];
    let apiProblem: string | undefined;
    const key = insertApiKey(database);
    for (let i = 0; i < settings.apiSaves + 3 && !apiProblem; i += 1) {
      const result = await postApi(app.url, key, name("API", i));
      if (!result.ok) apiProblem = result.problem;
      else if (i >= 3) apiMs.push(round(result.ms));
    }
    if (apiProblem) console.warn(`   ${build.label}: POST /api/v1/credentials failed, left out: ${apiProblem}`);

    const throughput = await savesPerSecond(app.url, app.pid, actionId, {
      clients: settings.clients,
      seconds: settings.throughputSeconds,
    });
    return {
      round: roundNumber,
      coldStartMs: round(coldStartMs),
      idleRssMb,
      signInMs,
      saveMs,
      saveOverheadMs: saveMs.map((ms) => round(ms - settings.clickUpDelayMs)),
      cpuMsPerSave,
      burstMs: burst.map((result) => round(result.ms)),
      burstFailed,
      apiMs,
      apiProblem,
      throughput,
    };
  } finally {
    untrack();
    await app.stop();
    fs.rmSync(database, { force: true });
    for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${database}${suffix}`, { force: true });
  }
}

export type RoundSamples = Awaited<ReturnType<typeof measureRound>>;
