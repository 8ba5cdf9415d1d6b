// Benchmark 9: Lighthouse 12 (its default mobile preset: simulated slow 4G and a 4× slower CPU),
// performance only, on the Authenticate screen beside /sign-in, alternating, in one sitting. The
// issue measured Authenticate at 70–76 with 950–1,400 ms of blocking time; /sign-in is the baseline.
import { spawnSync } from "node:child_process";
import path from "node:path";

import { sessionCookieHeader } from "./session";
import { figure, median, root, round, type Figure } from "./support";

interface Run {
  url: string;
  score: number;
  totalBlockingTimeMs: number;
  transferredKb: number;
  largestContentfulPaintMs: number;
  bootupMs: number;
  mainThreadMs: number;
}

const AUTHENTICATE = "/sources/new/clickup";
const SIGN_IN = "/sign-in";

/** `runs` audits of each page, alternating; figures are medians, the blocking-time target a ratio to /sign-in. */
export async function benchLighthouse(baseUrl: string, runs = 3): Promise<{ figures: Figure[]; details: object }> {
  const jobs = Array.from({ length: runs }, () => [
    { url: `${baseUrl}${SIGN_IN}` },
    { url: `${baseUrl}${AUTHENTICATE}`, cookie: sessionCookieHeader() },
  ]).flat();
  const child = spawnSync(process.execPath, [path.join(root, "scripts", "bench", "lighthouse-audit.mjs")], {
    env: { ...process.env, LIGHTHOUSE_JOBS: JSON.stringify(jobs) },
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`Lighthouse failed:\n${child.stdout}\n${child.stderr}`);
  const all = JSON.parse(child.stdout.trim().split("\n").pop()!) as Run[];
  const of = (page: string, key: keyof Omit<Run, "url">) =>
    median(all.filter((r) => new URL(r.url).pathname === page).map((r) => r[key]));
  const tbtRatio = round(of(AUTHENTICATE, "totalBlockingTimeMs") / Math.max(1, of(SIGN_IN, "totalBlockingTimeMs")));
  const figures = [
    figure("9. Lighthouse", "Authenticate performance score (aim ≥ 95)", of(AUTHENTICATE, "score"), ""),
    figure("9. Lighthouse", "/sign-in performance score (baseline)", of(SIGN_IN, "score"), ""),
    figure("9. Lighthouse", "Authenticate total blocking time", of(AUTHENTICATE, "totalBlockingTimeMs"), "ms"),
    figure("9. Lighthouse", "/sign-in total blocking time (baseline)", of(SIGN_IN, "totalBlockingTimeMs"), "ms"),
    figure("9. Lighthouse", "Authenticate ÷ /sign-in blocking time", tbtRatio, "×", 1.5),
    figure("9. Lighthouse", "Authenticate transferred", of(AUTHENTICATE, "transferredKb"), "kB"),
    figure("9. Lighthouse", "/sign-in transferred (baseline)", of(SIGN_IN, "transferredKb"), "kB"),
  ];
  return { figures, details: { runs: all } };
}
