#!/usr/bin/env node
// `npm start`: apply pending migrations, build if there is no build yet, then serve on PORT with
// one worker process per core (WEB_CONCURRENCY; server/workers.mjs). Workers run this same file
// and go straight to serving.
import { spawn, spawnSync } from "node:child_process";
import cluster from "node:cluster";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

import {
  DATABASE_START_TIMEOUT_MS,
  DATABASE_URL_FORMS,
  databaseKind,
  isDatabaseUrl,
  SERVER_SETS_PEER_ADDRESS,
  sqliteFilePath,
} from "../lib/config/startup-rules.mjs";
import { checkDatabase, explainMigrationOutput } from "./database-check.mjs";
import { frontDoor, refuseUnparsable, trustedProxyCount } from "./front-door.mjs";
import { migrateSqlite, MigrationError, postgresUpToDate } from "./migrations.mjs";
import { superviseWorkers, workerCount } from "./workers.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const bin = (name) => path.join(root, "node_modules", ".bin", name);
const SQLITE_MIGRATIONS = path.join(root, "prisma", "migrations");
const POSTGRES_MIGRATIONS = path.join(root, "prisma", "postgres", "migrations");

/**
 * What a stop signal does: Ctrl-C (SIGINT), `kill` or a service manager (SIGTERM), a closed
 * terminal or SSH session (SIGHUP). Until the app serves, it stops what is running (a build) and
 * exits; serve() and superviseWorkers() replace it with closing the server and stopping the workers.
 * package.json runs this file with `exec`, so that the signals npm passes on (SIGINT, SIGTERM)
 * reach it rather than npm's shell, which would die and leave this process serving.
 */
const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
let building = null; // the `next build` child, while it runs
let stop = (signal) => {
  building?.kill(signal);
  process.exit(128 + (os.constants.signals[signal] ?? 15));
};
for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));

/**
 * npm does not pass SIGHUP on (nor SIGKILL, of course): it dies, and this process would be left
 * serving with nobody to stop it. So under npm (`npm start`), npm going away stops this too.
 * Started outside npm (`node server/start.mjs`, a container's entry point, nohup), the parent is not
 * watched.
 */
function stopWhenNpmIsGone() {
  if (!process.env.npm_lifecycle_event || process.ppid <= 1) return;
  const npm = process.ppid;
  const parentNow = () => {
    try {
      // Linux: the current parent (process.ppid is read once, at start).
      const stat = fs.readFileSync("/proc/self/stat", "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    } catch {
      try {
        process.kill(npm, 0);
        return npm;
      } catch {
        return 0;
      }
    }
  };
  setInterval(() => {
    if (parentNow() === npm) return;
    console.error("[start] npm, which started this server, has stopped: stopping too.");
    stop("SIGHUP");
  }, 500).unref();
}

async function run(title, command, args) {
  console.log(`[start] ${title}`);
  building = spawn(command, args, { stdio: "inherit", env: process.env });
  const [code, signal] = await new Promise((resolve) => building.once("exit", (...outcome) => resolve(outcome)));
  building = null;
  if (code !== 0) {
    console.error(`[start] ${title} failed (exit ${code ?? signal}).`);
    process.exit(code || 1);
  }
}

const port = process.env.PORT?.trim() || "3000";
if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`[start] PORT must be a number from 1 to 65535; got "${port}".`);
  process.exit(1);
}

// Checked here as the app checks it (lib/config/env.ts), since migrating comes first: a value the
// app would refuse must not send the server off migrating something else.
const databaseUrl = process.env.DATABASE_URL?.trim();
if (!isDatabaseUrl(databaseUrl)) {
  console.error(`[start] DATABASE_URL ${DATABASE_URL_FORMS}.`);
  process.exit(1);
}

// How long to keep trying a database that cannot be used yet; the app's own check (lib/config/env.ts)
// uses the same bounds.
const startTimeoutText = process.env.DATABASE_START_TIMEOUT_MS?.trim();
const startTimeoutMs = startTimeoutText ? Number(startTimeoutText) : DATABASE_START_TIMEOUT_MS.default;
if (
  !Number.isInteger(startTimeoutMs) ||
  startTimeoutMs < DATABASE_START_TIMEOUT_MS.min ||
  startTimeoutMs > DATABASE_START_TIMEOUT_MS.max
) {
  console.error(
    `[start] DATABASE_START_TIMEOUT_MS must be a whole number of milliseconds from ${DATABASE_START_TIMEOUT_MS.min} to ${DATABASE_START_TIMEOUT_MS.max}; got "${startTimeoutText}".`,
  );
  process.exit(1);
}

/**
 * Applies pending migrations once the database can be used. A database that is locked (a backup,
 * an admin's sqlite3 shell), unreachable (PostgreSQL down or starting) or refusing the sign-in is
 * said in plain words and tried again — with pauses growing to 5 s — until DATABASE_START_TIMEOUT_MS
 * has passed; any other migration failure stops at once, with Prisma's own output.
 */
async function migrateWhenDatabaseIsReady() {
  const deadline = Date.now() + startTimeoutMs;
  let lastSaid = "";
  for (let pause = 500; ; pause = Math.min(pause * 2, 5_000)) {
    let problem = await checkDatabase(databaseUrl);
    if (!problem && !process.env.MIGRATE_WITH_PRISMA_CLI) {
      try {
        if (databaseKind(databaseUrl) === "postgresql") {
          if (await postgresUpToDate(databaseUrl, POSTGRES_MIGRATIONS)) {
            console.log("[start] The database is up to date");
            return;
          }
        } else {
          const applied = await migrateSqlite(sqliteFilePath(databaseUrl), SQLITE_MIGRATIONS);
          console.log(
            applied.length
              ? `[start] Applied database migrations: ${applied.join(", ")}`
              : "[start] The database is up to date",
          );
          return;
        }
      } catch (error) {
        problem = await checkDatabase(databaseUrl);
        if (!problem) {
          console.error(`[start] ${error instanceof MigrationError ? error.message : error}`);
          process.exit(1);
        }
      }
    }
    if (!problem) {
      // PostgreSQL with something pending (or MIGRATE_WITH_PRISMA_CLI set, the benchmark's
      // baseline): Prisma's CLI, which locks so that instances starting together migrate once.
      console.log("[start] Applying database migrations");
      const result = spawnSync(bin("prisma"), ["migrate", "deploy"], { env: process.env, encoding: "utf8" });
      const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
      if (result.status === 0) {
        process.stdout.write(output);
        return;
      }
      problem = (await checkDatabase(databaseUrl)) ?? explainMigrationOutput(output, databaseUrl);
      if (!problem) {
        process.stderr.write(output);
        console.error(`[start] Applying database migrations failed (exit ${result.status ?? result.signal}).`);
        process.exit(result.status || 1);
      }
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      console.error(
        `[start] Giving up: ${problem.text} Tried for ${Math.round(startTimeoutMs / 1000)} s (DATABASE_START_TIMEOUT_MS).`,
      );
      process.exit(1);
    }
    if (problem.text !== lastSaid)
      console.error(
        `[start] ${problem.text} Trying again for up to ${Math.ceil(left / 1000)} s (DATABASE_START_TIMEOUT_MS).`,
      );
    lastSaid = problem.text;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left)));
  }
}

async function prepare() {
  const workers = workerCount();
  if (typeof workers === "string") {
    console.error(`[start] ${workers}`);
    process.exit(1);
  }
  // On a first start the migrations create the data folder and the SQLite database: owner-only
  // (OWNER_ONLY_FOLDER, OWNER_ONLY_FILE in lib/config/startup-rules.mjs), as the encryption key file
  // beside them is (SQLite then gives its -wal and -shm files the same mode).
  const umask = process.umask(0o077);
  await migrateWhenDatabaseIsReady();
  process.umask(umask);
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    await run("No build found: building the app", bin("next"), ["build"]);
  return workers;
}

/**
 * Serves the app in this process (the only one, or a cluster worker). Served from here rather than
 * by `next start`: only here is the request's socket at hand, and the app needs its peer address to
 * tell clients apart without trusting their headers (lib/security/peer-address.ts), through its front door (server/front-door.mjs).
 */
async function serve({ announce }) {
  process.env.NODE_ENV = "production";
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, port: Number(port) });
  await app.prepare();
  const handle = app.getRequestHandler();
  globalThis[SERVER_SETS_PEER_ADDRESS] = true;
  const proxies = trustedProxyCount(process.env.TRUSTED_PROXY_COUNT);

  const server = http.createServer((request, response) => {
    if (!frontDoor(request, response, { proxies })) handle(request, response);
  });
  server.on("clientError", refuseUnparsable);
  server.listen(Number(port), () => {
    if (announce) console.log(`[start] Serving on http://localhost:${port}`);
  });
  server.on("error", (error) => {
    console.error(`[start] Cannot serve on port ${port}: ${error.message}`);
    process.exit(1);
  });
  stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
}

if (cluster.isWorker) await serve({ announce: false });
else {
  stopWhenNpmIsGone();
  const workers = await prepare();
  if (workers === 1) await serve({ announce: true });
  else stop = superviseWorkers(workers, port);
}
