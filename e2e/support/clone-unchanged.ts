import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import type { FullConfig } from "@playwright/test";

/**
 * A test run leaves the clone as it found it: what the tests write goes to ignored places
 * (data/e2e, test-results/), never over a tracked file. Playwright runs this before the suite and
 * the function it returns after it; a run that changed a tracked file, or left a new file git
 * would pick up, fails naming the files. Outside a git checkout there is nothing to compare.
 * `npm run docs:screenshots` (DOCS_SCREENSHOTS=1) is the one run meant to write docs/screenshots/.
 */
function cloneState(root: string): { files: string; diff: string } | null {
  const git = (...args: string[]) =>
    spawnSync("git", ["-C", root, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const paths = process.env.DOCS_SCREENSHOTS ? ["--", ":/", ":(exclude,top)docs/screenshots"] : [];
  const status = git("status", "--porcelain=v1", "--untracked-files=all", ...paths);
  if (status.status !== 0) return null;
  const diff = git("diff", "HEAD", "--binary", ...paths);
  return { files: status.stdout, diff: createHash("sha256").update(diff.stdout).digest("hex") };
}

export default function globalSetup(config: FullConfig) {
  const root = config.rootDir;
  const before = cloneState(root);
  return () => {
    if (!before) return;
    const after = cloneState(root);
    if (!after || (after.files === before.files && after.diff === before.diff)) return;
    const lines = (text: string) => new Set(text.split("\n").filter(Boolean));
    const earlier = lines(before.files);
    const changed = [...lines(after.files)].filter((line) => !earlier.has(line));
    throw new Error(
      "The test run changed the clone; tests must write only to ignored places (data/e2e, test-results/):\n" +
        (changed.length ? changed.join("\n") : "(files already changed before the run were changed again)") +
        "\n(`git status` and `git diff` show what changed.)",
    );
  };
}
