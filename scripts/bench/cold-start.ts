// `npm run bench:cold-start`: from `node scripts/start.mjs` to the first page answered, on the
// embedded default with a build present, on a fresh database and on a migrated one (a restart).
// Measured with the in-process migrations of scripts/migrations.mjs and, as the baseline in the same
// run, with MIGRATE_WITH_PRISMA_CLI=1 (the Prisma CLI, as before); alternated, 3 rounds each.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";

import { freePort, median, round, sleep, startNode, type Child } from "./support";

const ROUNDS = 3;

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve((response.statusCode ?? 0) < 400));
      })
      .on("error", () => resolve(false));
  });
}

/** Milliseconds from starting the process to the first answer of the setup page (polled every 20 ms). */
async function timeToFirstPage(databaseFile: string, cli: boolean): Promise<number> {
  const port = await freePort(3600, 3699);
  const started = performance.now();
  const child: Child = startNode(["scripts/start.mjs"], {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `file:${databaseFile}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...(cli ? { MIGRATE_WITH_PRISMA_CLI: "1" } : {}),
  });
  try {
    for (;;) {
      if (!child.running()) throw new Error(`npm start exited:\n${child.output()}`);
      if (await answers(`http://127.0.0.1:${port}/setup`)) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error(`no answer in 120 s:\n${child.output()}`);
      await sleep(20);
    }
  } finally {
    await child.stop();
  }
}

async function main() {
  if (!fs.existsSync(path.join(".next", "BUILD_ID"))) throw new Error("No build found: run `npm run build` first.");
  const times: Record<string, number[]> = {};
  const record = (label: string, ms: number) => (times[label] ??= []).push(ms);
  for (let round_ = 1; round_ <= ROUNDS; round_ += 1) {
    for (const cli of [false, true]) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cold-start-"));
      try {
        const file = path.join(dir, "data", "app.db");
        const mode = cli ? "Prisma CLI" : "in-process";
        record(`fresh database, ${mode}`, await timeToFirstPage(file, cli));
        record(`restart (migrated), ${mode}`, await timeToFirstPage(file, cli));
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(`round ${round_} of ${ROUNDS} done`);
  }
  console.log(`\nCold start to the first page (median of ${ROUNDS}; load ${os.loadavg()[0].toFixed(2)}):`);
  for (const [label, values] of Object.entries(times))
    console.log(
      `  ${label.padEnd(32)} ${round(median(values) / 1000, 2)} s  (${values.map((v) => round(v / 1000, 2)).join(", ")})`,
    );
  for (const kind of ["fresh database", "restart (migrated)"]) {
    const ratio = median(times[`${kind}, in-process`]) / median(times[`${kind}, Prisma CLI`]);
    console.log(`  ${kind}: in-process / Prisma CLI = ${round(ratio, 2)}×`);
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
