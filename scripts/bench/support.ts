// Shared pieces of `npm run bench`: statistics, ports, child processes, a migrated SQLite file.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";

/** The project root: npm runs scripts there. */
export const root = process.cwd();

/**
 * The `npm start` server of a build: server/start.mjs, or scripts/start.mjs in a baseline made
 * from a commit before the server had its own folder.
 */
export function startScriptOf(dir: string): string {
  const current = path.join(dir, "server", "start.mjs");
  return fs.existsSync(current) ? current : path.join(dir, "scripts", "start.mjs");
}

/** One line of the results table. `target` is "below this"; without one the figure is informational. */
export interface Figure {
  benchmark: string;
  figure: string;
  value: number;
  unit: string;
  target?: number;
  pass?: boolean;
}

export function figure(benchmark: string, name: string, value: number, unit: string, target?: number): Figure {
  return { benchmark, figure: name, value, unit, ...(target === undefined ? {} : { target, pass: value < target }) };
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const median = (values: number[]) => percentile(values, 50);
export const round = (value: number, digits = 2) => Number(value.toFixed(digits));
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on, from the range this machine leaves to the benchmarks. */
export async function freePort(from: number, to: number): Promise<number> {
  for (let port = from; port <= to; port += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

export interface Child {
  pid: number;
  running: () => boolean;
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `node <args>` in its own process group (so stop() ends everything it started). */
export function startNode(args: string[], env: NodeJS.ProcessEnv, cwd = root): Child {
  const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (!running()) return;
    process.kill(-child.pid!, "SIGTERM");
    const killer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 5000);
    await exited;
    clearTimeout(killer);
  };
  return { pid: child.pid!, running, output: () => output, stop };
}

/**
 * One GET on a connection of its own. (A pooled keep-alive socket left idle would be closed by
 * the server after 5 s, and the next request to reuse it could fail with "other side closed".)
 */
function answersOk(url: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve((response.statusCode ?? 0) >= 200 && (response.statusCode ?? 0) < 300));
      })
      .on("error", reject);
  });
}

/** Polls `url` until it answers 2xx; after `timeoutMs`, stops the child and fails. */
export async function waitForUrl(url: string, child: Child, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!child.running()) throw new Error(`the process serving ${url} exited early:\n${child.output()}`);
    try {
      if (await answersOk(url)) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`${url} did not answer in ${timeoutMs / 1000} s:\n${child.output()}`);
    }
    await sleep(250);
  }
}

/**
 * e2e/support/fake-clickup.mjs on a free port: pk_good_ answers at once, pk_slow_ after `delayMs`.
 * `ports`: the range to pick from (benchmarks run beside each other on this machine use their own).
 */
export async function startFakeClickUp(
  delayMs: number,
  ports: [number, number] = [4500, 4599],
): Promise<Child & { url: string }> {
  const port = await freePort(...ports);
  const child = startNode(["e2e/support/fake-clickup.mjs"], {
    ...process.env,
    FAKE_CLICKUP_PORT: String(port),
    FAKE_CLICKUP_DELAY_MS: String(delayMs),
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/__fake/health`, child, 15_000);
  return { ...child, url };
}

/** The built app (`next start`) on a free port; resolves once it serves the Authenticate screen. */
export async function startApp(env: Record<string, string>): Promise<Child & { url: string; serverPid: number }> {
  const port = await freePort(3500, 3599);
  const child = startNode(["node_modules/.bin/next", "start", "--port", String(port)], {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  // A new installation serves the admin setup page (every other page leads there).
  await waitForUrl(`${url}/setup`, child);
  return { ...child, url, serverPid: nextServerPid(child.pid) };
}

/**
 * A fresh SQLite file with every migration applied (`prisma migrate deploy`), by the Prisma CLI and
 * migrations of `dir` (another build's migrations can differ from this one's).
 */
export function migratedDatabase(file: string, dir = root): string {
  const result = spawnSync(process.execPath, ["node_modules/.bin/prisma", "migrate", "deploy"], {
    cwd: dir,
    env: { ...process.env, DATABASE_URL: `file:${file}` },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  return file;
}

/**
 * Every process started under `parent`, children first, then theirs. Read from /proc (each thread's
 * `children` file) rather than by running pgrep: the loaded-memory sampler calls this five times a
 * second during the 16-client run, and a fork each time would load the machine it measures.
 */
export function descendants(parent: number): number[] {
  const children: number[] = [];
  try {
    for (const task of fs.readdirSync(`/proc/${parent}/task`))
      children.push(
        ...fs.readFileSync(`/proc/${parent}/task/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
      );
  } catch {
    // the process (or a thread) ended meanwhile
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** The next-server process under `pid` (`next start` forks it), or `pid` itself if it has no children. */
export function nextServerPid(pid: number): number {
  const candidates = descendants(pid);
  const commandLine = (p: number) => fs.readFileSync(`/proc/${p}/cmdline`, "utf8").replaceAll("\0", " ");
  return candidates.find((p) => commandLine(p).includes("next-server")) ?? candidates.at(-1) ?? pid;
}

/** Resident memory (VmRSS) of a process, in MB. */
export function rssMb(pid: number): number {
  const rssKb = Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
  return round(rssKb / 1024, 1);
}

const ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/**
 * CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. Unlike
 * wall-clock time it barely grows when other processes compete for the cores.
 */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/**
 * Sums `measure` over `pid` and every process under it (workers, forks): what the server costs
 * whichever of its processes did the work. A process that ends between the listing and the read
 * counts as 0.
 */
function overTree(pid: number, measure: (pid: number) => number): number {
  let total = 0;
  for (const p of [pid, ...descendants(pid)]) {
    try {
      total += measure(p);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

export const treeCpuMs = (pid: number) => overTree(pid, cpuMs);
export const treeRssMb = (pid: number) => round(overTree(pid, rssMb), 1);
