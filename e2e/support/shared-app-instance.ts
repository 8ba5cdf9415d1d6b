import { spawn, type ChildProcess } from "node:child_process";

import { E2E } from "./e2e-env";

/**
 * The name the tests' load balancer passes on as Host (in each instance's ALLOWED_HOSTS): clients
 * it forwards are elsewhere on the network, and the loopback names are only for this machine's.
 */
export const PROXIED_HOST = "credentials.internal";

export interface AppInstance {
  url: string;
  /** The process group (the instance's first process): every worker of it is in this group. */
  pid: number;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts another instance of the built app on `port`, sharing the suite's database, keys and fake
 * ClickUp unless `env` says otherwise; resolves once it serves pages. `next start` is one process;
 * `npm-start` runs server/start.mjs, what an operator runs, with its workers (WEB_CONCURRENCY);
 * `npm` runs it the way the README says, as `npm start` (then `pid` is npm's).
 */
export async function startAppInstance(
  port: number,
  env: Record<string, string> = {},
  via: "next-start" | "npm-start" | "npm" = "next-start",
): Promise<AppInstance> {
  const [command, args] =
    via === "next-start"
      ? [process.execPath, ["node_modules/.bin/next", "start", "--port", String(port)]]
      : via === "npm-start"
        ? [process.execPath, ["server/start.mjs"]]
        : ["npm", ["start"]];
  const child: ChildProcess = spawn(command, args, {
    env: {
      ...process.env,
      PORT: String(port),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: E2E.databaseUrl,
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CLICKUP_TIMEOUT_MS: "1500",
      // The tests play the load balancer in front: they write X-Forwarded-For, one entry per client,
      // and pass on the name the client used.
      TRUSTED_PROXY_COUNT: "1",
      ALLOWED_HOSTS: PROXIED_HOST,
      // One person saves a hundred credentials in a burst; the per-client limit is what is tested.
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
      // As the suite's server: no scheduled check within a run on the suite's database.
      CREDENTIAL_CHECK_INTERVAL_SECONDS: "604800",
      ...env,
    },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // The whole group, even when its first process has gone: what it started may still be running.
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // nothing left in the group
    }
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app on port ${port} exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/credentials`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`app on port ${port} did not start in 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, pid: child.pid!, output: () => output, stop };
}
