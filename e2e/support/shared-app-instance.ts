import { spawn, type ChildProcess } from "node:child_process";

import { E2E } from "./e2e-env";

export interface AppInstance {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts another process of the built app (`next start`) on `port`, sharing the suite's database,
 * keys and fake ClickUp unless `env` says otherwise; resolves once it serves pages.
 */
export async function startAppInstance(port: number, env: Record<string, string> = {}): Promise<AppInstance> {
  const child: ChildProcess = spawn(process.execPath, ["node_modules/.bin/next", "start", "--port", String(port)], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: E2E.databaseUrl,
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CLICKUP_TIMEOUT_MS: "1500",
      // The tests play the load balancer in front: they write X-Forwarded-For, one entry per client.
      TRUSTED_PROXY_COUNT: "1",
      // One person saves a hundred credentials in a burst; the per-client limit is what is tested.
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
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
  const stop = async () => {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app on port ${port} exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/credentials`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`app on port ${port} did not start in 30 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, output: () => output, stop };
}
