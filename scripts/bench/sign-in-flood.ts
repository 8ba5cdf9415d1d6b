// `npm run bench:sign-in` (after `npm run build`): how long a real person's sign-in takes while
// strangers flood the sign-in form with random emails from many client addresses, with the cap
// on password hashes in flight and without it (PASSWORD_HASHES_IN_FLIGHT=10000: every flood
// request hashes, as before the cap), each beside the same sign-in with no flood, all in one run.
//
// The flood is open-loop: FLOOD_PER_SECOND new sign-ins a second whatever the answers, as an
// attacker sends them (a closed loop would send faster the faster it is refused, and compare
// unequal floods). At most FLOOD_MAX_OUTSTANDING are unanswered at once (the rest are not sent),
// and it lasts only while the person signs in.
//
// Starts its own app (ports 3500-3599) on a temp SQLite file for each setting; prints what it
// measures as it goes, then a summary, and writes bench-results/sign-in-flood.json. Stops
// everything it started when done, failing or interrupted.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { launchBrowser } from "./session";
import { captureSignInAction, signIn, type Outcome, type SignInAction } from "./sign-in-action";
import { median, migratedDatabase, percentile, root, round, sleep, startApp } from "./support";

/** New flood sign-ins a second, each from a new client address with a new email. */
const FLOOD_PER_SECOND = 30;
const FLOOD_MAX_OUTSTANDING = 200;
const FLOOD_WARM_UP_MS = 5_000;
// Known-browser attempts before and during the flood stay within that browser's 10 per 15 minutes.
const PERSON_ATTEMPTS = 3;
/** A person's sign-in still unanswered after this counts as "no answer" (and the run goes on). */
const PERSON_TIMEOUT_MS = 30_000;
const PERSON = { name: "Bench Person", email: "bench.person@example.test", password: "tangerine orbit velvet canyon" };

const cleanups: (() => Promise<void> | void)[] = [];
const cleanUp = async () => {
  while (cleanups.length) await cleanups.pop()!();
};

/** Sets up the admin (the person) in a browser; returns the known-browser cookie and the sign-in action as posted. */
async function prepare(baseUrl: string): Promise<{ knownBrowserCookie: string; action: SignInAction }> {
  const browser = await launchBrowser();
  try {
    const setup = await browser.newPage();
    await setup.goto(`${baseUrl}/setup`);
    await setup.getByLabel("Name").fill(PERSON.name);
    await setup.getByLabel("Email").fill(PERSON.email);
    await setup.getByLabel("Password").fill(PERSON.password);
    await setup.getByRole("button", { name: "Create account" }).click();
    await setup.waitForURL(`${baseUrl}/`);
    const known = (await setup.context().cookies()).find((cookie) => cookie.name.endsWith("known_browser"));
    if (!known) throw new Error("setting up did not make the browser known (no device cookie)");

    const action = await captureSignInAction(browser, baseUrl);
    return { knownBrowserCookie: `${known.name}=${known.value}`, action };
  } finally {
    await browser.close();
  }
}

/** The person signs in PERSON_ATTEMPTS times, one after the other, from a known or an unknown browser. */
async function personSignsIn(action: SignInAction, cookie: string | undefined, what: string) {
  const attempts: { ms: number; outcome: Outcome }[] = [];
  for (let i = 0; i < PERSON_ATTEMPTS; i += 1) {
    const started = performance.now();
    try {
      attempts.push(
        await signIn(action, { ...PERSON, clientKey: "bench-person", cookie }, AbortSignal.timeout(PERSON_TIMEOUT_MS)),
      );
    } catch (error) {
      const timedOut = error instanceof Error && error.name === "TimeoutError";
      if (!timedOut) console.warn(`   a sign-in failed: ${describeError(error)}`);
      attempts.push({ ms: performance.now() - started, outcome: timedOut ? "no answer" : "other" });
    }
    console.log(`   ${what}: ${round(attempts.at(-1)!.ms, 0)} ms, ${attempts.at(-1)!.outcome}`);
  }
  const ms = attempts.map((attempt) => attempt.ms);
  const outcomes = count(attempts.map((attempt) => attempt.outcome));
  return { medianMs: round(median(ms), 0), maxMs: round(Math.max(...ms), 0), outcomes };
}

const describeError = (error: unknown) =>
  error instanceof Error ? `${error.message}${error.cause ? ` (${String(error.cause)})` : ""}` : String(error);

function count(outcomes: Outcome[]): Partial<Record<Outcome, number>> {
  const counts: Partial<Record<Outcome, number>> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

/** Strangers: FLOOD_PER_SECOND sign-ins a second with random emails, until stopped. */
function startFlood(action: SignInAction, appOutput: () => string) {
  let failures = 0;
  let skipped = 0;
  const outstanding = new Set<Promise<void>>();
  // On stop, requests still unanswered are abandoned (counted, not waited for).
  const abandon = new AbortController();
  const answers: { ms: number; outcome: Outcome }[] = [];
  const started = performance.now();
  const send = () => {
    if (outstanding.size >= FLOOD_MAX_OUTSTANDING) return void (skipped += 1);
    const id = randomBytes(6).toString("hex");
    const request = signIn(
      action,
      { email: `flood.${id}@example.test`, password: "a wrong guess", clientKey: `flood-${id}` },
      abandon.signal,
    )
      .then((answer) => void answers.push(answer))
      .catch((error) => {
        if (abandon.signal.aborted) return;
        if (!failures++)
          console.warn(`   a flood request failed: ${describeError(error)}\n${appOutput().slice(-2000)}`);
        answers.push({ ms: 0, outcome: "other" });
      })
      .finally(() => outstanding.delete(request));
    outstanding.add(request);
  };
  const timer = setInterval(send, 1000 / FLOOD_PER_SECOND);
  return async () => {
    clearInterval(timer);
    const seconds = (performance.now() - started) / 1000;
    const unansweredAtStop = outstanding.size;
    abandon.abort();
    // An aborted fetch does not always settle (seen: a run that waited forever with no connection
    // left open); what has not settled shortly after the abort is counted as unanswered already.
    await Promise.race([Promise.allSettled(outstanding), sleep(5_000)]);
    const ms = answers.map((answer) => answer.ms);
    return {
      seconds: round(seconds, 1),
      answered: answers.length,
      notSentAtMaxOutstanding: skipped,
      unansweredAtStop,
      p50Ms: round(percentile(ms, 50), 0),
      p95Ms: round(percentile(ms, 95), 0),
      outcomes: count(answers.map((answer) => answer.outcome)),
    };
  };
}

async function measure(label: string, dir: string, template: string, env: Record<string, string>) {
  const database = path.join(dir, `${label.replace(/\W+/g, "-")}.db`);
  fs.copyFileSync(template, database);
  const app = await startApp({
    DATABASE_URL: `file:${database}`,
    CREDENTIAL_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    // Never called: signing in does not talk to ClickUp.
    CLICKUP_API_BASE_URL: "http://127.0.0.1:9",
    // As behind one proxy, so the flood can come from many client addresses (see signIn above).
    TRUSTED_PROXY_COUNT: "1",
    ...env,
  });
  cleanups.push(app.stop);
  try {
    console.log(`${label}: app on ${app.url}`);
    const { knownBrowserCookie, action } = await prepare(app.url);
    // Warm-up: the first requests compile and cache what later ones reuse.
    for (let i = 0; i < 2; i += 1) await signIn(action, { ...PERSON, clientKey: "bench-person" });
    const quiet = await personSignsIn(action, knownBrowserCookie, "no flood, known browser");

    const stopFlood = startFlood(action, () => app.output());
    await sleep(FLOOD_WARM_UP_MS);
    const known = await personSignsIn(action, knownBrowserCookie, "flood, known browser");
    const unknown = await personSignsIn(action, undefined, "flood, unknown browser");
    if ([known, unknown].some((run) => run.outcomes["no answer"]))
      console.warn(`   the person got no answer; the app's log ends:\n${app.output().slice(-4000)}`);
    const flood = await stopFlood();
    if (!app.running()) throw new Error(`the app stopped during the flood:\n${app.output().slice(-3000)}`);
    return { label, noFlood: quiet, duringFlood: { knownBrowser: known, unknownBrowser: unknown }, flood };
  } finally {
    await app.stop();
  }
}

const describeOutcomes = (outcomes: Partial<Record<Outcome, number>>) =>
  Object.entries(outcomes)
    .map(([outcome, n]) => `${n} ${outcome}`)
    .join(", ");

/**
 * The settings to compare: `npm run bench:sign-in -- 2 4 10000` runs with those caps; "default"
 * leaves PASSWORD_HASHES_IN_FLIGHT unset. Without arguments: the default, then 10000 (no cap).
 */
function settings(): { label: string; env: Record<string, string> }[] {
  const args = process.argv.slice(2);
  return (args.length ? args : ["default", "10000"]).map((cap): { label: string; env: Record<string, string> } => {
    if (cap === "default") return { label: "cap: default", env: {} };
    if (!/^\d+$/.test(cap)) throw new Error(`not a cap: ${cap} (a whole number, or "default")`);
    const label = Number(cap) >= 10_000 ? "cap: off (10000, as before the cap)" : `cap: ${cap}`;
    return { label, env: { PASSWORD_HASHES_IN_FLIGHT: cap } };
  });
}

const line = (what: string, figures: { medianMs: number; maxMs: number; outcomes: Partial<Record<Outcome, number>> }) =>
  `  ${what.padEnd(24)} ${`${figures.medianMs} ms`.padStart(9)} (max ${figures.maxMs} ms) — ${describeOutcomes(figures.outcomes)}`;

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("No build found: run `npm run build` first.");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-bench-sign-in-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const template = migratedDatabase(path.join(dir, "template.db"));
  const loadBefore = os.loadavg()[0];

  const runs = [];
  for (const { label, env } of settings()) runs.push(await measure(label, dir, template, env));

  console.log(
    `\nA person's sign-in (median of ${PERSON_ATTEMPTS}, and the slowest), alone and during a flood of ${FLOOD_PER_SECOND} sign-ins a second with random emails (${os.availableParallelism()} cores, load ${round(loadBefore)} before):\n`,
  );
  for (const run of runs) {
    console.log(run.label);
    console.log(line("no flood, known browser", run.noFlood));
    console.log(line("flood, known browser", run.duringFlood.knownBrowser));
    console.log(line("flood, unknown browser", run.duringFlood.unknownBrowser));
    const { flood } = run;
    console.log(
      `  flood: ${flood.seconds} s, ${flood.answered} answered (p50 ${flood.p50Ms} ms, p95 ${flood.p95Ms} ms: ${describeOutcomes(flood.outcomes)}), ${flood.unansweredAtStop} unanswered at the end, ${flood.notSentAtMaxOutstanding} not sent (${FLOOD_MAX_OUTSTANDING} unanswered already)`,
    );
  }
  const cpus = os.cpus();
  const results = {
    timestamp: new Date().toISOString(),
    machine: {
      cpuModel: cpus[0]?.model ?? "unknown",
      cores: cpus.length,
      node: process.version,
      loadAverage1mBefore: round(loadBefore),
      loadAverage1mAfter: round(os.loadavg()[0]),
    },
    floodPerSecond: FLOOD_PER_SECOND,
    floodMaxOutstanding: FLOOD_MAX_OUTSTANDING,
    personAttempts: PERSON_ATTEMPTS,
    runs,
  };
  fs.mkdirSync(path.join(root, "bench-results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench-results", "sign-in-flood.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log("\nWrote bench-results/sign-in-flood.json");
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the app, removing the temp folder…`);
    void cleanUp().finally(() => process.exit(130));
  });

main()
  .catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    process.exit();
  });
