import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { expect, it, vi } from "vitest";

import { setUpIntegrationTests, testCaller } from "./setup";

// Two app instances on one database — two processes, each running the watch loop as an
// instance's first worker does — ask ClickUp about each credential once per interval, counted at
// the fake ClickUp. The PostgreSQL pass runs this file too: that is the several-instance deployment.

const INTERVAL_SECONDS = 5;
const RUN_MS = 16_000;
vi.setConfig({ testTimeout: 90_000 });
const { clickUp, database } = await setUpIntegrationTests({
  credentialCheckIntervalSeconds: INTERVAL_SECONDS,
  credentialChecksPerMinute: 6000,
});
const [{ createCredential }, dbModule] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/db/client"),
]);

it("two instances each running the watch check every credential, each once per interval", async () => {
  const tokens = Array.from({ length: 12 }, () => `pk_good_${randomBytes(10).toString("hex")}`);
  const ids: string[] = [];
  for (const [index, token] of tokens.entries()) {
    const created = await createCredential(testCaller, {
      connector: "clickup",
      name: `Instances ${index}`,
      apiKey: token,
    });
    if (!created.ok) throw new Error(created.message);
    ids.push(created.data.id);
  }
  // All due at once, as after a long stop: both instances see every one of them due together.
  await dbModule.getDb().credential.updateMany({ where: { id: { in: ids } }, data: { nextCheckAt: new Date() } });
  clickUp.requests.length = 0;

  const run = promisify(execFile);
  const env = { ...process.env, DATABASE_URL: database.url, NODE_ENV: "test" as const };
  await Promise.all(
    [0, 1].map(() =>
      run(
        path.resolve("node_modules/.bin/tsx"),
        ["--conditions=react-server", path.resolve("tests/integration/watch-instance-worker.ts"), String(RUN_MS)],
        { env, timeout: RUN_MS + 30_000 },
      ),
    ),
  );

  const asked = tokens.map(
    (token) =>
      clickUp.requests.filter((request) => request.path === "/api/v2/user" && request.authorization === token).length,
  );
  // Due at once, then once an interval (with jitter): never twice for one due time, whichever process won it.
  const most = Math.ceil(RUN_MS / 1000 / INTERVAL_SECONDS) + 1;
  for (const count of asked) {
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(most);
  }
  const checks = await dbModule.getDb().credentialCheck.groupBy({
    by: ["credentialId"],
    where: { credentialId: { in: ids }, trigger: "schedule" },
    _count: true,
  });
  expect(checks.map((row) => row._count).reduce((a, b) => a + b, 0)).toBe(asked.reduce((a, b) => a + b, 0));
});
