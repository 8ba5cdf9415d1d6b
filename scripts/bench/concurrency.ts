// Benchmark 2: 50 saves at once through the running built server, ClickUp answering after 100 ms.
import { randomBytes } from "node:crypto";

import { launchBrowser, newSignedInPage } from "./session";
import { cpuMs, figure, median, percentile, round, type Figure } from "./support";

const CONCURRENT = 50;
const BURSTS = 3;

/** The Save action's id, learnt from one real browser request (as e2e/multi-instance.spec.ts does). */
export async function learnSaveAction(baseUrl: string): Promise<string> {
  const browser = await launchBrowser();
  try {
    const page = await newSignedInPage(browser);
    let actionId = "";
    await page.route("**/sources/new/clickup", async (route) => {
      const id = route.request().headers()["next-action"];
      if (route.request().method() === "POST" && id) {
        actionId = id;
        return route.abort();
      }
      return route.continue();
    });
    await page.goto(`${baseUrl}/sources/new/clickup`);
    await page.getByRole("button", { name: "Add Credential" }).click();
    await page.getByLabel("Credential Name").fill("Action id probe");
    await page.getByLabel("API Key").fill("pk_good_probe");
    await page.getByRole("button", { name: "Save" }).click();
    for (let waited = 0; !actionId && waited < 15_000; waited += 100) await page.waitForTimeout(100);
    if (!actionId) throw new Error("the browser never posted the Save action");
    return actionId;
  } finally {
    await browser.close();
  }
}

/** Posts the Save action as the browser does; resolves with how long the whole answer took. */
export async function postSave(baseUrl: string, actionId: string, name: string) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/sources/new/clickup`, {
    method: "POST",
    headers: {
      "next-action": actionId,
      "content-type": "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: baseUrl,
    },
    body: JSON.stringify([
      "clickup",
      { name, description: "Saved by npm run bench", apiKey: `pk_slow_${randomBytes(12).toString("hex")}` },
    ]),
  });
  const body = await response.text();
  const ok = response.status === 200 && body.includes('"ok":true');
  return {
    ms: performance.now() - started,
    ok,
    problem: ok ? "" : `${response.status} ${/"message":"([^"]*)"/.exec(body)?.[1] ?? body.slice(0, 200)}`,
  };
}

export async function benchConcurrency(
  baseUrl: string,
  serverPid: number,
  actionId: string,
  slowDelayMs: number,
): Promise<{ figures: Figure[]; details: object }> {
  const run = randomBytes(3).toString("hex");
  // Warm-up: the first requests compile and cache what later ones reuse.
  for (let i = 0; i < 5; i += 1) await postSave(baseUrl, actionId, `Warm-up ${run} ${i}`);
  const bursts = [];
  for (let burst = 0; burst < BURSTS; burst += 1) {
    const cpuBefore = cpuMs(serverPid);
    const results = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => postSave(baseUrl, actionId, `Burst ${run} ${burst}-${i}`)),
    );
    const serverCpuMsPerSave = round((cpuMs(serverPid) - cpuBefore) / CONCURRENT, 1);
    const ms = results.map((r) => r.ms);
    const failures = results.filter((r) => !r.ok).map((r) => r.problem);
    for (const problem of failures) console.warn(`   a save failed: ${problem}`);
    bursts.push({
      succeeded: results.length - failures.length,
      p50: round(median(ms)),
      p95: round(percentile(ms, 95)),
      max: round(Math.max(...ms)),
      serverCpuMsPerSave,
      failures,
    });
  }
  // The burst with the median p95 stands for the run; all three are in the JSON.
  const typical = [...bursts].sort((a, b) => a.p95 - b.p95)[Math.floor(BURSTS / 2)];
  const failed = bursts.reduce((sum, b) => sum + CONCURRENT - b.succeeded, 0);
  const name = "2. Concurrency";
  const figures = [
    figure(name, `failed saves (of ${BURSTS} × ${CONCURRENT})`, failed, "", 1),
    figure(name, `latency p50, ${CONCURRENT} at once`, typical.p50, "ms"),
    figure(name, `latency p95, ${CONCURRENT} at once`, typical.p95, "ms"),
    figure(name, `p95 / ${slowDelayMs} ms ClickUp latency`, round(typical.p95 / slowDelayMs, 3), "×", 1.5),
    figure(name, "server CPU time per save", typical.serverCpuMsPerSave, "ms"),
  ];
  return { figures, details: { concurrent: CONCURRENT, bursts } };
}
