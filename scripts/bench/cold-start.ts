// `npm run bench:cold-start`: from `node server/start.mjs` to the first page answered, on the
// embedded default with a build present, on a fresh database and on a migrated one (a restart).
// Measured with the in-process migrations of server/migrations.mjs and, as the baseline in the same
// run, with MIGRATE_WITH_PRISMA_CLI=1 (the Prisma CLI, as before); alternated, 3 rounds each.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { timeToFirstPage } from "./first-page";
import { median, round } from "./support";

const ROUNDS = 3;

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
