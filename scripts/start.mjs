#!/usr/bin/env node
// `npm start`: apply pending migrations, build if there is no build yet, then serve on PORT.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
if (fs.existsSync(".env")) process.loadEnvFile(".env");
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(title, command, args) {
  console.log(`[start] ${title}`);
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`[start] ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

const port = process.env.PORT?.trim() || "3000";
if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`[start] PORT must be a number from 1 to 65535; got "${port}".`);
  process.exit(1);
}

// On a first start the migrations create the data folder and the SQLite database: owner-only, as
// the encryption key file beside them is (SQLite then gives its -wal and -shm files the same mode).
const umask = process.umask(0o077);
run("Applying database migrations", bin("prisma"), ["migrate", "deploy"]);
process.umask(umask);
if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
  run("No build found: building the app", bin("next"), ["build"]);

// Served from this process rather than by `next start`: only here is the request's socket at hand,
// and the app needs its peer address to tell clients apart without trusting their headers
// (lib/security/peer-address.ts).
process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: root, port: Number(port) });
await app.prepare();
const handle = app.getRequestHandler();
// Keep in step with lib/security/peer-address.ts.
const PEER_ADDRESS_HEADER = "x-app-peer-address";
globalThis[Symbol.for("clickup-credentials.server-sets-peer-address")] = true;

const server = http.createServer((request, response) => {
  // Replaces any header of that name the client sent (Node joins repeated ones into one value).
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  handle(request, response);
});
server.listen(Number(port), () => console.log(`[start] Serving on http://localhost:${port}`));
server.on("error", (error) => {
  console.error(`[start] Cannot serve on port ${port}: ${error.message}`);
  process.exit(1);
});
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
