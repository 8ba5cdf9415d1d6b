import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import Database from "better-sqlite3";

/**
 * A second copy of the built app, for tests that need their own configuration or their own
 * database (start-up checks, a low rate limit, exact before/after snapshots). Each one gets a
 * port from 3300-3399 (the suite's own server and anyone else's stay untouched) and a temporary
 * SQLite file, and is killed by process group when the test is done.
 */

export const projectRoot = path.resolve(__dirname, "..", "..");

/** A fresh `keyId:base64key` entry. */
export function newKeyEntry(keyId: string) {
  return `${keyId}:${randomBytes(32).toString("base64")}`;
}

/** A temporary directory holding a migrated SQLite database; returns its paths. */
export function migratedDatabase(label: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${label}-`));
  const file = path.join(dir, "app.db");
  const url = `file:${file}`;
  const result = spawnSync(path.join(projectRoot, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  return { dir, file, url, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Whether another live test process has claimed `port` (a file in the temporary folder naming its
 * process id); if not, claims it for this one. Two Playwright workers can probe the same free port
 * at the same moment, before either app listens on it: the claim, made with an exclusive create,
 * lets only one of them have it. A claim of a process that has ended is taken over.
 */
function claimPort(port: number): boolean {
  const claim = path.join(os.tmpdir(), `e2e-port-${port}.claim`);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    fs.writeFileSync(claim, String(process.pid), { flag: "wx" });
    return true;
  } catch {
    const owner = Number(fs.readFileSync(claim, "utf8"));
    if (owner === process.pid) return true;
    if (Number.isSafeInteger(owner) && owner > 0 && alive(owner)) return false;
    fs.writeFileSync(claim, String(process.pid));
    return true;
  }
}

/**
 * The first port in [first, last] nobody listens on (checked the way `next start` binds: all
 * interfaces) and no other live test process has claimed.
 */
export async function freePort(first: number, last: number): Promise<number> {
  for (let port = first; port <= last; port += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once("error", () => resolve(false));
      probe.listen(port, () => probe.close(() => resolve(true)));
    });
    if (free && claimPort(port)) return port;
  }
  throw new Error(`No free port in ${first}-${last}`);
}

// Variables that configure the app: never inherited from the test runner's environment.
const APP_VARIABLES = [
  "DATABASE_URL",
  "PORT",
  "CLICKUP_API_BASE_URL",
  "CLICKUP_TIMEOUT_MS",
  "TOKEN_CHECKS_PER_MINUTE",
  "TOKEN_CHECKS_PER_PERSON_PER_MINUTE",
  "TRUSTED_PROXY_COUNT",
  "APP_URL",
  "ALLOWED_HOSTS",
  "CREDENTIAL_ENCRYPTION_KEYS",
  "AUTH_SECRET",
  "DATABASE_BUSY_TIMEOUT_MS",
  "DATABASE_START_TIMEOUT_MS",
  "WEB_CONCURRENCY",
  "NODE_ENV",
  "CREDENTIAL_CHECK_INTERVAL_SECONDS",
  "CREDENTIAL_CHECKS_PER_MINUTE",
  "SMTP_URL",
  "SMTP_FROM",
];

export interface AppInstance {
  url: string;
  port: number;
  /** Everything the process printed so far (stdout and stderr, interleaved). */
  output(): string;
  /** Resolves with the exit code (null if killed by a signal). */
  exited: Promise<number | null>;
  hasExited(): boolean;
  /** Waits until `path` answers (any status below 500), or fails with the output so far. */
  waitUntilServing(requestPath?: string, timeoutMs?: number): Promise<void>;
  /** Waits until the output matches, or fails with the output so far. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** CPU time (user + system, seconds) used so far by the processes in the instance's process group. */
  cpuSeconds(): number;
  stop(): Promise<void>;
}

const clockTicksPerSecond = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** utime + stime (seconds) of each live process in a process group, by pid, from /proc (Linux). */
export function processGroupCpuByProcess(groupId: number): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // Fields after the command name (which may contain spaces): state is field 3, pgrp 5, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) === groupId)
      found.set(Number(entry), (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond);
  }
  return found;
}

/** utime + stime of every live process in a process group (seconds). */
function processGroupCpuSeconds(groupId: number): number {
  let seconds = 0;
  for (const value of processGroupCpuByProcess(groupId).values()) seconds += value;
  return seconds;
}

/**
 * Starts `node server/start.mjs` ("start-script": migrations + next start) or the built app
 * directly (`node node_modules/.bin/next start -p PORT`), in its own process group.
 */
export function startApp(options: {
  port: number;
  env: Record<string, string>;
  via: "start-script" | "next-start";
}): AppInstance {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of APP_VARIABLES) delete env[name];
  Object.assign(env, options.env);
  const args =
    options.via === "start-script"
      ? [path.join(projectRoot, "server", "start.mjs")]
      : [path.join(projectRoot, "node_modules", ".bin", "next"), "start", "-p", String(options.port)];
  if (options.via === "start-script") env.PORT = String(options.port);

  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: projectRoot,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve((exitCode = code))));
  const url = `http://127.0.0.1:${options.port}`;

  async function until(what: string, done: () => Promise<boolean> | boolean, timeoutMs: number) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await done()) return;
      if (exitCode !== undefined) throw new Error(`The app exited (${exitCode}) before ${what}:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    throw new Error(`Timed out waiting for ${what}:\n${output}`);
  }

  return {
    url,
    port: options.port,
    output: () => output,
    exited,
    hasExited: () => exitCode !== undefined,
    waitUntilServing: (requestPath = "/", timeoutMs = 60_000) =>
      until(
        `${requestPath} to answer`,
        async () => {
          try {
            return (await fetch(`${url}${requestPath}`, { signal: AbortSignal.timeout(5_000) })).status < 500;
          } catch {
            return false;
          }
        },
        timeoutMs,
      ),
    waitForOutput: (pattern, timeoutMs = 20_000) =>
      until(`output matching ${pattern}`, () => pattern.test(output), timeoutMs),
    cpuSeconds: () => (child.pid === undefined ? 0 : processGroupCpuSeconds(child.pid)),
    async stop() {
      if (exitCode !== undefined || child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        return;
      }
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise((resolve) => setTimeout(() => resolve(false), 5_000)),
      ]);
      if (!killed) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Every row of every app table, as JSON text per table: to compare before and after. */
export function snapshotTables(databaseFile: string): Record<string, string[]> {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        (db.prepare(`SELECT * FROM "${name}"`).all() as object[]).map((row) => JSON.stringify(row)).sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

/**
 * First-run setup on an instance with its own, empty database: creates its admin through
 * the setup page and leaves `page` signed in there (cookies are per host, not per port, so this
 * replaces the suite's session in this test's browser context).
 */
export async function setUpAdmin(
  page: Page,
  baseUrl: string,
  admin = { name: "Instance Admin", email: "instance.admin@example.test", password: "instance admin passphrase" },
  serverLog?: () => string,
) {
  await page.goto(`${baseUrl}/setup`);
  // Asked where the server cannot tell that the browser is on its machine (`next start`): copied
  // from the start-up log, as an operator would.
  if (await page.getByLabel("Setup code").count()) {
    const code = /\[setup\] +([0-9a-f]{32})/.exec(serverLog?.() ?? "")?.[1];
    if (!code) throw new Error("Setup asks for the setup code, and no server log with one was given.");
    await page.getByLabel("Setup code").fill(code);
  }
  await page.getByLabel("Name").fill(admin.name);
  await page.getByLabel("Email").fill(admin.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.waitForURL(`${baseUrl}/`);
}
