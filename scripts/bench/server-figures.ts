// The first part of `npm run bench` (issue #17 item 1): figures through the running server with a
// signed-in session, for this build and, beside it in the same run, a baseline build made by
// `npm run bench:baseline` (.bench-baseline/). Rounds alternate (this, baseline, this, baseline, …)
// so that whatever else the machine does lands on both; the ratio this ÷ baseline is the figure to
// read on a noisy machine, the absolute values less so.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { BASELINE_DIR, readBaseline } from "./baseline-info";
import { measureRound, type Build, type RoundSamples, type RoundSettings } from "./server-round";
import { median, migratedDatabase, percentile, root, round } from "./support";

export interface ServerFigureOptions {
  rounds: number;
  throughputSeconds: number;
}

interface Row {
  figure: string;
  unit: string;
  thisBuild: number | null;
  baseline: number | null;
  ratio: number | null;
  target?: string;
  pass?: boolean;
}

const SETTINGS: Omit<RoundSettings, "clickUpDelayMs" | "throughputSeconds"> = {
  sequentialSaves: 40,
  burst: 50,
  signIns: 5,
  apiSaves: 20,
  clients: 16,
};

const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();

/** Every figure of the table from one build's rounds: pooled samples for latencies, else the median round. */
function summarise(rounds: RoundSamples[], delayMs: number) {
  const all = (pick: (r: RoundSamples) => number[]) => rounds.flatMap(pick);
  const mid = (pick: (r: RoundSamples) => number) => round(median(rounds.map(pick)));
  const api = all((r) => r.apiMs);
  return {
    "save overhead p50": round(
      percentile(
        all((r) => r.saveOverheadMs),
        50,
      ),
    ),
    "save overhead p95": round(
      percentile(
        all((r) => r.saveOverheadMs),
        95,
      ),
    ),
    "server CPU per save": mid((r) => r.cpuMsPerSave),
    [`saves/s, ${SETTINGS.clients} clients`]: mid((r) => r.throughput.savesPerSecond),
    [`${SETTINGS.burst} at once: p95 ÷ ${delayMs} ms`]: round(
      median(rounds.map((r) => percentile(r.burstMs, 95) / delayMs)),
      3,
    ),
    "sign-in (median)": round(median(all((r) => r.signInMs))),
    "cold start, fresh DB → first page": round(median(rounds.map((r) => r.coldStartMs)) / 1000),
    "idle RSS (process tree)": mid((r) => r.idleRssMb),
    [`loaded RSS (peak, ${SETTINGS.clients} clients)`]: mid((r) => r.throughput.peakRssMb),
    "POST /api/v1/credentials p50": api.length ? round(median(api)) : null,
  };
}

const UNITS: Record<string, string> = {
  "server CPU per save": "ms",
  [`saves/s, ${SETTINGS.clients} clients`]: "/s",
  "cold start, fresh DB → first page": "s",
  "idle RSS (process tree)": "MB",
  [`loaded RSS (peak, ${SETTINGS.clients} clients)`]: "MB",
};

/** The issue's targets: on this build's value, or on the ratio to the baseline. */
function target(figure: string, value: number | null, ratio: number | null): Pick<Row, "target" | "pass"> {
  if (figure.includes("at once")) return { target: "< 1.5", pass: value === null ? undefined : value < 1.5 };
  if (figure === "server CPU per save")
    return { target: "ratio ≤ 0.5", pass: ratio === null ? undefined : ratio <= 0.5 };
  if (figure.startsWith("cold start")) return { target: "< 2 s", pass: value === null ? undefined : value < 2 };
  return {};
}

export function printServerTable(rows: Row[], baselineLabel: string) {
  const cell = (value: number | null, unit: string) => (value === null ? "—" : `${value}${unit ? ` ${unit}` : ""}`);
  const table = [
    ["Figure", "This build", baselineLabel, "Ratio", "Target", "Result"],
    ...rows.map((row) => [
      row.figure,
      cell(row.thisBuild, row.unit),
      cell(row.baseline, row.unit),
      row.ratio === null ? "—" : `${row.ratio}×`,
      row.target ?? "",
      row.pass === undefined ? "" : row.pass ? "pass" : "FAIL",
    ]),
  ];
  const widths = table[0].map((_, column) => Math.max(...table.map((line) => line[column].length)));
  const line = (cells: string[]) =>
    cells.map((text, column) =>
      column >= 1 && column <= 3 ? text.padStart(widths[column]) : text.padEnd(widths[column]),
    );
  console.log(`\n${line(table[0]).join("  ")}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const cells of table.slice(1)) console.log(line(cells).join("  ").trimEnd());
}

export async function benchThroughServer(
  env: Record<string, string>,
  clickUpDelayMs: number,
  options: ServerFigureOptions,
  cleanups: (() => Promise<void> | void)[],
) {
  const loadBefore = os.loadavg();
  const baselineInfo = readBaseline();
  if (!baselineInfo)
    console.log(
      "   No baseline build (.bench-baseline/): figures for this build alone. For a baseline beside them:\n" +
        "   npm run bench:baseline [-- <git-ref>]   (default ref: scripts/bench/baseline-ref), then npm run bench again.",
    );
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-bench-server-"));
  // Servers still running when interrupted are stopped by the cleanups, then the folder goes.
  const running = new Set<() => Promise<void>>();
  cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  cleanups.push(async () => {
    for (const stop of running) await stop();
  });
  const track = (stop: () => Promise<void>) => {
    running.add(stop);
    return () => void running.delete(stop);
  };

  // Each build migrates its template with its own Prisma CLI and migrations.
  const builds: Build[] = [{ label: "this build", dir: root, template: "" }];
  if (baselineInfo) builds.push({ label: "baseline", dir: BASELINE_DIR, template: "" });
  for (const build of builds)
    build.template = migratedDatabase(path.join(workDir, `${build.label}.template.db`), build.dir);

  const settings: RoundSettings = { ...SETTINGS, clickUpDelayMs, throughputSeconds: options.throughputSeconds };
  const samples: Record<string, RoundSamples[]> = { "this build": [], baseline: [] };
  for (let n = 1; n <= options.rounds; n += 1) {
    for (const build of builds) {
      console.log(`   round ${n} of ${options.rounds}: ${build.label}…`);
      samples[build.label].push(await measureRound(build, workDir, n, env, settings, track));
    }
  }

  const ours = summarise(samples["this build"], clickUpDelayMs);
  const theirs = baselineInfo ? summarise(samples.baseline, clickUpDelayMs) : undefined;
  const rows: Row[] = Object.entries(ours).map(([figure, value]) => {
    const base = theirs ? theirs[figure as keyof typeof theirs] : null;
    const ratio = value !== null && base ? round(value / base, 2) : null;
    return {
      figure,
      unit: UNITS[figure] ?? (figure.includes("÷") ? "×" : "ms"),
      thisBuild: value,
      baseline: base,
      ratio,
      ...target(figure, value, ratio),
    };
  });
  const baselineLabel = baselineInfo ? `Baseline ${baselineInfo.commit.slice(0, 7)}` : "Baseline";
  const head = git("rev-parse", "HEAD");
  const dirty = git("status", "--porcelain", "--untracked-files=no") !== "";
  return {
    rows,
    baselineLabel,
    details: {
      rounds: options.rounds,
      order: "alternating: this build, then baseline, in each round",
      settings,
      loadAverageBefore: loadBefore.map((v) => round(v)),
      loadAverageAfter: os.loadavg().map((v) => round(v)),
      builds: {
        thisBuild: { dir: root, commit: head, uncommittedChanges: dirty },
        baseline: baselineInfo ? { dir: BASELINE_DIR, ...baselineInfo } : null,
      },
      figures: rows,
      samples,
    },
  };
}
