import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

// `npm start` (server/start.mjs) checks DATABASE_URL and DATABASE_START_TIMEOUT_MS before it
// migrates, and the app checks them again when it loads (lib/config/env.ts); both take their rules
// from lib/config/startup-rules.mjs. Whatever one refuses, the other must refuse too: otherwise
// the server migrates a database the app then refuses, or refuses a value the app would take.

const root = path.resolve(__dirname, "../..");

/** Whether server/start.mjs gets past its own checks with `env`. */
function serverAccepts(env: Record<string, string>): { accepted: boolean; output: string } {
  const result = spawnSync(process.execPath, ["server/start.mjs"], {
    cwd: root,
    // WEB_CONCURRENCY=0 is refused right after the checks under test, before anything is migrated.
    env: { ...process.env, PORT: "3999", WEB_CONCURRENCY: "0", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status, output).toBe(1);
  return { accepted: output.includes("WEB_CONCURRENCY must be"), output };
}

async function appAccepts(env: Record<string, string>): Promise<boolean> {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const { getEnv } = await import("@/lib/config/env");
  try {
    getEnv();
    return true;
  } catch {
    return false;
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("npm start and the app agree on the start-up rules", () => {
  it.each([
    ["DATABASE_START_TIMEOUT_MS", "", true],
    ["DATABASE_START_TIMEOUT_MS", "0", true],
    ["DATABASE_START_TIMEOUT_MS", " 250 ", true],
    ["DATABASE_START_TIMEOUT_MS", "3600000", true],
    ["DATABASE_START_TIMEOUT_MS", "3600001", false],
    ["DATABASE_START_TIMEOUT_MS", "-1", false],
    ["DATABASE_START_TIMEOUT_MS", "2.5", false],
    ["DATABASE_START_TIMEOUT_MS", "soon", false],
    ["DATABASE_URL", "", true],
    ["DATABASE_URL", "file:./data/app.db", true],
    ["DATABASE_URL", "postgresql://app:secret@localhost:5432/app", true],
    ["DATABASE_URL", "postgresql://localhost", false],
    ["DATABASE_URL", "mysql://app:secret@localhost/app", false],
  ])("%s=%j: npm start and the app both accept it: %s", async (name, value, accepted) => {
    const server = serverAccepts({ [name]: value });
    expect(server.accepted, server.output).toBe(accepted);
    expect(await appAccepts({ [name]: value })).toBe(accepted);
    if (!accepted) {
      expect(server.output).toContain(`[start] ${name} must be`);
      expect(server.output).not.toContain("secret");
    }
  });
});
