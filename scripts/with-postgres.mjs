#!/usr/bin/env node
// Runs a command against a throwaway PostgreSQL cluster:
//   node scripts/with-postgres.mjs <command> [args…]
// Installs Debian's postgresql when it is missing and we are root on Debian (otherwise says what
// to install), initialises a cluster in a temporary folder, starts it on a free loopback port,
// creates the database `app_test`, runs the command with DATABASE_URL pointing at it, then stops
// the cluster and deletes the folder. Exits with the command's exit code.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("Usage: node scripts/with-postgres.mjs <command> [args…]");
  process.exit(2);
}

function findPostgresBin() {
  const base = "/usr/lib/postgresql";
  if (!fs.existsSync(base)) return undefined;
  const versions = fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, "bin", "initdb")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] && path.join(base, versions[0], "bin");
}

let bin = findPostgresBin();
const isRoot = process.getuid?.() === 0;
if (!bin) {
  if (!isRoot || !fs.existsSync("/usr/bin/apt-get")) {
    console.error("[postgres] PostgreSQL server not found. Install it: sudo apt-get install -y postgresql");
    process.exit(1);
  }
  console.log("[postgres] Installing Debian's postgresql (apt-get)…");
  execFileSync("sh", ["-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql"], {
    stdio: "inherit",
  });
  bin = findPostgresBin();
  if (!bin) throw new Error("postgresql installed but initdb not found under /usr/lib/postgresql");
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

// PostgreSQL refuses to run as root: run the cluster as the `postgres` user when we are root.
const asServerUser = (file, fileArgs) =>
  isRoot ? ["runuser", ["-u", "postgres", "--", file, ...fileArgs]] : [file, fileArgs];

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-test-"));
if (isRoot) execFileSync("chown", ["postgres", dataDir]);
const port = Number(process.env.PG_TEST_PORT) || (await freePort());
const logFile = path.join(dataDir, "server.log");

function run(file, fileArgs) {
  const [cmd, cmdArgs] = asServerUser(file, fileArgs);
  const result = spawnSync(cmd, cmdArgs, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${path.basename(file)} failed:\n${result.stdout}${result.stderr}`);
}

let exitCode = 1;
try {
  run(path.join(bin, "initdb"), [
    "-D",
    path.join(dataDir, "data"),
    "-A",
    "trust",
    "-U",
    "postgres",
    "--no-sync",
    "-E",
    "UTF8",
  ]);
  run(path.join(bin, "pg_ctl"), [
    "-D",
    path.join(dataDir, "data"),
    "-l",
    logFile,
    "-w",
    "-o",
    `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
    "start",
  ]);
  run(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "app_test"]);
  console.log(`[postgres] Throwaway cluster on 127.0.0.1:${port} (database app_test)`);

  const child = spawn(command, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/app_test`,
      TEST_DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/app_test`,
      // For tests that create a database of their own, and for reading the cluster's files.
      POSTGRES_ADMIN_URL: `postgresql://postgres@127.0.0.1:${port}/postgres`,
      POSTGRES_DATA_DIR: path.join(dataDir, "data"),
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  exitCode = await new Promise((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
} catch (error) {
  console.error(`[postgres] ${error.message}`);
  if (fs.existsSync(logFile)) console.error(fs.readFileSync(logFile, "utf8").slice(-2000));
} finally {
  try {
    run(path.join(bin, "pg_ctl"), ["-D", path.join(dataDir, "data"), "-m", "immediate", "stop"]);
  } catch {
    // Already stopped, or never started.
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
