// `npm run bench:baseline [-- <git-ref>]`: builds another commit of this project in .bench-baseline/
// so that `npm run bench` can measure it beside this build in the same run (same machine, same
// load). Default ref: scripts/bench/baseline-ref. Re-running with another ref replaces the folder.
//
// The commit is extracted with `git archive` rather than `git worktree add`: a worktree would be
// registered in the repository's shared .git (other worktrees see it, and a removed folder leaves a
// stale entry), while an archive is plain files that `rm -rf` replaces cleanly. Works the same
// from a fresh clone (full history needed for the ref, as for any checkout).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

import { BASELINE_DIR, BASELINE_FILE, type BaselineInfo } from "./baseline-info";
import { root } from "./support";

const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8" }).trim();

/** Runs a command in the baseline folder, its output shown; stops on failure. */
function run(title: string, command: string, args: string[]) {
  console.log(`[baseline] ${title}`);
  const result = spawnSync(command, args, {
    cwd: BASELINE_DIR,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`${title} failed (exit ${result.status ?? result.signal})`);
}

function main() {
  const ref =
    process.argv[2]?.trim() || fs.readFileSync(path.join(root, "scripts", "bench", "baseline-ref"), "utf8").trim();
  let commit: string;
  try {
    commit = git("rev-parse", "--verify", `${ref}^{commit}`);
  } catch {
    throw new Error(`not a commit here: ${ref} (a fresh clone needs the history that holds it: git fetch)`);
  }
  const subject = git("log", "-1", "--format=%s", commit);
  console.log(`[baseline] ${ref} = ${commit.slice(0, 12)} ${subject}`);

  fs.rmSync(BASELINE_DIR, { recursive: true, force: true });
  fs.mkdirSync(BASELINE_DIR, { recursive: true });
  console.log(`[baseline] extracting ${commit.slice(0, 12)} into ${path.relative(root, BASELINE_DIR)}/`);
  const archive = spawnSync("git", ["archive", "--format=tar", commit], { cwd: root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive failed: ${archive.stderr}`);
  const untar = spawnSync("tar", ["-x", "-C", BASELINE_DIR], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  // An empty repository of its own marks the folder as a project root, as a clone is: Next.js then
  // takes it as its workspace root (without one it climbs to our package-lock.json, warns about
  // two lock files and builds with our folder as the root), and Tailwind scans it under its own
  // .gitignore rather than ours, which ignores .bench-baseline/ and would leave its CSS empty.
  run("git init (a project root of its own)", "git", ["init", "--quiet"]);

  // Same lock file: the same packages, so hard links to ours (seconds, no disk) will do. Nothing
  // below writes into node_modules (Prisma generates into lib/generated, Next builds into .next).
  const sameLock =
    fs.existsSync(path.join(root, "package-lock.json")) &&
    fs
      .readFileSync(path.join(root, "package-lock.json"))
      .equals(fs.readFileSync(path.join(BASELINE_DIR, "package-lock.json")));
  if (sameLock && fs.existsSync(path.join(root, "node_modules"))) {
    run("package-lock.json is the same as ours: hard-linking node_modules", "cp", [
      "-al",
      path.join(root, "node_modules"),
      path.join(BASELINE_DIR, "node_modules"),
    ]);
    run("prisma generate", "npm", ["run", "db:generate"]);
  } else {
    // npm ci runs postinstall (db:generate) itself.
    run("package-lock.json differs from ours: npm ci", "npm", ["ci", "--no-audit", "--no-fund"]);
  }
  run("next build", process.execPath, [path.join(BASELINE_DIR, "node_modules", ".bin", "next"), "build"]);

  const info: BaselineInfo = { ref, commit, subject, builtAt: new Date().toISOString() };
  fs.writeFileSync(BASELINE_FILE, `${JSON.stringify(info, null, 2)}\n`);
  console.log(
    `[baseline] ready: ${path.relative(root, BASELINE_FILE)}. Now \`npm run bench\` measures it beside this build.`,
  );
}

try {
  main();
} catch (error) {
  console.error(`[baseline] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
