// `npm run bench`: the performance benchmarks of docs/performance.md. Needs a build (`npm run build`).
// Starts its own fake ClickUp and app on ports 4500-4599 / 3500-3599, works in a temp folder, and
// cleans both up. Prints a table and writes bench-results/latest.json.
//
// First the figures through the running server, beside the baseline build of `npm run bench:baseline`
// (server-figures.ts); then benchmarks 1-4 and 7, the breakdown. Options (after `--`):
//   --rounds N           rounds of each build, alternating (default 3)
//   --seconds N          how long the 16 clients save back to back in each round (default 10)
//   --server-only        only the figures through the server
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { benchApiSave } from "./api-save";
import { benchAuthenticateScale, emptyDatabase } from "./authenticate-scale";
import { benchConcurrency, learnSaveAction } from "./concurrency";
import { benchThroughServer, printServerTable } from "./server-figures";
import { signInToApp } from "./session";
import { figure, migratedDatabase, root, rssMb, startApp, startFakeClickUp, type Figure } from "./support";
import { benchWeight } from "./weight";

const SLOW_CLICKUP_MS = 100;
const KEY_ID = "bench";
const cleanups: (() => Promise<void> | void)[] = [];
let interrupted = false;

async function cleanUp() {
  while (cleanups.length) await cleanups.pop()!();
}

function printTable(figures: Figure[]) {
  const rows = [
    ["Benchmark", "Figure", "Value", "Target", "Result"],
    ...figures.map((f) => [
      f.benchmark,
      f.figure,
      `${f.value}${f.unit && f.unit !== "×" ? ` ${f.unit}` : f.unit}`,
      f.target === undefined ? "" : `< ${f.target}${f.unit && f.unit !== "×" ? ` ${f.unit}` : f.unit}`,
      f.pass === undefined ? "" : f.pass ? "pass" : "FAIL",
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: string[]) =>
    row.map((cell, column) => (column === 2 ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join("  ");
  console.log(`\n${line(rows[0])}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows.slice(1)) console.log(line(row));
}

function options() {
  const args = process.argv.slice(2);
  const number = (name: string, fallback: number, least: number) => {
    const at = args.indexOf(name);
    if (at === -1) return fallback;
    const value = Number(args[at + 1]);
    if (!Number.isInteger(value) || value < least) throw new Error(`${name} needs a whole number from ${least}`);
    return value;
  };
  return {
    rounds: number("--rounds", 3, 1),
    throughputSeconds: number("--seconds", 10, 1),
    serverOnly: args.includes("--server-only"),
  };
}

async function main() {
  const settings = options();
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("No build found: run `npm run build` first.");
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-bench-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fake = await startFakeClickUp(SLOW_CLICKUP_MS);
  cleanups.push(fake.stop);
  const env = {
    CREDENTIAL_ENCRYPTION_KEYS: `${KEY_ID}:${randomBytes(32).toString("base64")}`,
    CLICKUP_API_BASE_URL: fake.url,
    CLICKUP_TIMEOUT_MS: "10000",
    TOKEN_CHECKS_PER_MINUTE: "100000", // the most lib/config/env.ts accepts
    TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
    // One worker, as the baseline build has: these figures compare the cost of one process's
    // saves; what more workers buy is npm run bench:workers.
    WEB_CONCURRENCY: "1",
  };
  const figures: Figure[] = [];
  const details: Record<string, object> = {};

  console.log(
    `0. through the server, beside a baseline (${settings.rounds} rounds each, alternating; fake ClickUp answers after ${SLOW_CLICKUP_MS} ms)…`,
  );
  const server = await benchThroughServer(env, SLOW_CLICKUP_MS, settings, cleanups);
  details.throughServer = server.details;
  printServerTable(server.rows, server.baselineLabel);
  if (settings.serverOnly) {
    await cleanUp();
    return writeResults(startedAt, loadBefore, figures, details);
  }

  const template = migratedDatabase(path.join(dir, "template.db"));
  const inProcessDb = path.join(dir, "in-process.db");
  const serverDb = path.join(dir, "server.db");
  fs.copyFileSync(template, inProcessDb);
  fs.copyFileSync(template, serverDb);

  // 1. In this process: lib/config/env.ts reads the environment once, so set it before importing.
  console.log("1. save overhead (in-process, 220 + 120 pairs of saves)…");
  Object.assign(process.env, env, { DATABASE_URL: `file:${inProcessDb}`, NODE_ENV: "production" });
  const { benchSaveOverhead } = await import("./save-overhead");
  const save = await benchSaveOverhead(SLOW_CLICKUP_MS);
  figures.push(...save.figures);
  details.saveOverhead = save.details;

  const app = await startApp({ ...env, DATABASE_URL: `file:${serverDb}` });
  cleanups.push(app.stop);
  console.log(`app on ${app.url}, fake ClickUp on ${fake.url}`);
  // Every page and action needs a signed-in person: set up the owner once, measure as them.
  await signInToApp(app.url, serverDb);

  console.log("4. weight (first-load JavaScript)…");
  const weight = await benchWeight(app.url);

  console.log("2. concurrency (3 bursts of 50 saves through the server)…");
  const actionId = await learnSaveAction(app.url);
  const concurrency = await benchConcurrency(app.url, app.serverPid, actionId, SLOW_CLICKUP_MS);
  figures.push(...concurrency.figures);
  details.concurrency = concurrency.details;

  console.log("7. POST /api/v1/credentials beside the Save action (60 each, interleaved)…");
  const apiSave = await benchApiSave(app.url, serverDb, actionId);
  figures.push(...apiSave.figures);
  details.apiSave = apiSave.details;

  console.log("3. Authenticate screen with 1 to 10,000 credentials…");
  emptyDatabase(serverDb);
  const scale = await benchAuthenticateScale(app.url, app.serverPid, serverDb, KEY_ID);
  figures.push(...scale.figures);
  details.authenticateScale = scale.details;
  const rss = rssMb(app.serverPid);
  figures.push(...weight.figures, figure("4. Weight", "server RSS after the 10,000-credential run", rss, "MB"));
  details.weight = { ...weight.details, serverRssMb: rss, serverPid: app.serverPid };
  await cleanUp();

  printServerTable(server.rows, server.baselineLabel);
  writeResults(startedAt, loadBefore, figures, details);
}

function writeResults(startedAt: Date, loadBefore: number[], figures: Figure[], details: Record<string, object>) {
  if (figures.length) printTable(figures);
  const missed = figures.filter((f) => f.pass === false);
  if (figures.length)
    console.log(missed.length ? `\n${missed.length} figure(s) missed their target.` : "\nEvery figure met its target.");
  const cpus = os.cpus();
  const results = {
    timestamp: startedAt.toISOString(),
    durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
    machine: {
      cpuModel: cpus[0]?.model ?? "unknown",
      cores: cpus.length,
      memoryGb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
      node: process.version,
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      loadAverage1mBefore: Number(loadBefore[0].toFixed(2)),
      loadAverage1mAfter: Number(os.loadavg()[0].toFixed(2)),
    },
    allTargetsMet: missed.length === 0,
    figures,
    details,
  };
  fs.mkdirSync(path.join(root, "bench-results"), { recursive: true });
  fs.writeFileSync(path.join(root, "bench-results", "latest.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log("Wrote bench-results/latest.json");
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping the app and the fake ClickUp, removing the temp folder…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main()
  .catch(async (error) => {
    if (!interrupted) console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await cleanUp();
    // Prisma's and undici's pools would keep the process alive for a while.
    process.exit();
  });
