// Where `npm run bench:baseline` puts the baseline build, and what it writes about it.
import fs from "node:fs";
import path from "node:path";

import { root } from "./support";

export const BASELINE_DIR = path.join(root, ".bench-baseline");
export const BASELINE_FILE = path.join(BASELINE_DIR, "BASELINE.json");

export interface BaselineInfo {
  ref: string;
  commit: string;
  subject: string;
  builtAt: string;
}

/** The baseline build, if one was completed (BASELINE.json is written last, after `next build`). */
export function readBaseline(): BaselineInfo | undefined {
  if (!fs.existsSync(BASELINE_FILE) || !fs.existsSync(path.join(BASELINE_DIR, ".next", "BUILD_ID"))) return undefined;
  return JSON.parse(fs.readFileSync(BASELINE_FILE, "utf8")) as BaselineInfo;
}
