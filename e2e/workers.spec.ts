import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { freePort, processGroupCpuByProcess } from "./support/app-instance";
import { queryRows } from "./support/database";
import { fakeToken, uniqueName } from "./support/helpers";
import { learnSaveAction, postSave, randomAddress } from "./support/save-action";
import { startAppInstance, type AppInstance } from "./support/shared-app-instance";
import { expect, test } from "./support/test";

// `npm start` serves with one worker process per core (server/workers.mjs). Two workers of one
// instance on the suite's database — the embedded SQLite file in the default pass, so SQLite's
// lock is shared by two processes — must behave as one server.
test.describe.configure({ mode: "serial" });

let instance: AppInstance;

test.beforeAll(async () => {
  // DATABASE_BUSY_TIMEOUT_MS: on a loaded two-core machine a burst of 100 saves waits its turn for
  // SQLite's single writer longer than the 5 s default (the same bound multi-instance.spec.ts uses).
  instance = await startAppInstance(
    3251,
    { WEB_CONCURRENCY: "2", CLICKUP_TIMEOUT_MS: "20000", DATABASE_BUSY_TIMEOUT_MS: "30000" },
    "npm",
  );
});

test.afterAll(async () => {
  await instance?.stop();
});

/** The workers among a group's processes: node:cluster gives each APP_WORKER_NUMBER (server/workers.mjs). */
const workersOf = (cpu: Map<number, number>) =>
  [...cpu.keys()].filter((pid) => {
    try {
      return fs
        .readFileSync(`/proc/${pid}/environ`, "utf8")
        .split("\0")
        .some((entry) => entry.startsWith("APP_WORKER_NUMBER="));
    } catch {
      return false; // exited meanwhile
    }
  });

/** Whether anything answers HTTP on the instance's port. */
async function answers(url: string) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends `signal` to npm alone (as `kill <pid>` or a service manager would), then expects the
 * port to go quiet and every process npm started — the supervisor, its workers — to be gone
 * within 5 s.
 */
async function expectStopsEverything(instance: AppInstance, signal: NodeJS.Signals) {
  expect(workersOf(processGroupCpuByProcess(instance.pid))).toHaveLength(2);
  expect(await answers(instance.url)).toBe(true);
  process.kill(instance.pid, signal);
  await expect
    .poll(
      async () => ({
        answersOnItsPort: await answers(instance.url),
        processesLeft: [...processGroupCpuByProcess(instance.pid).keys()],
      }),
      { timeout: 5_000, intervals: [250] },
    )
    .toEqual({ answersOnItsPort: false, processesLeft: [] });
}

test("npm start with WEB_CONCURRENCY=2 serves from two workers and says so once", async () => {
  await expect.poll(() => instance.output()).toContain("(2 workers)");
  // The supervisor (the group's leader) and two workers.
  expect(workersOf(processGroupCpuByProcess(instance.pid))).toHaveLength(2);
  expect(instance.output().match(/Serving on/g)).toHaveLength(1);
});

test("100 racing saves of one name through two workers store one credential; the rest are told the name is taken", async ({
  page,
}) => {
  const saveAction = await learnSaveAction(page, instance.url);
  const name = uniqueName("Raced by workers");
  const before = processGroupCpuByProcess(instance.pid);
  const results = await Promise.all(
    Array.from({ length: 100 }, () =>
      postSave(page.request, instance.url, saveAction, { name, apiKey: fakeToken("good") }, randomAddress()),
    ),
  );

  expect(results.map((result) => result.status)).toEqual(results.map(() => 200));
  const saved = results.filter((result) => result.body.includes('"ok":true'));
  const taken = results.filter((result) => result.body.includes("already exists"));
  expect(
    results.filter((result) => !saved.includes(result) && !taken.includes(result)).map((r) => r.body.slice(-200)),
    "answers that were neither a save nor a duplicate",
  ).toEqual([]);
  expect(saved).toHaveLength(1);
  expect(taken).toHaveLength(99);
  const rows = await queryRows<{ name: string }>('SELECT name FROM "Credential" WHERE name = ?', name);
  expect(rows).toHaveLength(1);
  // Both workers did the work (cluster hands connections out in turn): each spent CPU on the burst.
  const after = processGroupCpuByProcess(instance.pid);
  const spent = workersOf(after).map((pid) => (after.get(pid) ?? 0) - (before.get(pid) ?? 0));
  expect(spent).toHaveLength(2);
  for (const seconds of spent) expect(seconds).toBeGreaterThan(0.1);
  expect(instance.output()).not.toMatch(/Worker \d+ stopped/);
});

// Last, since it stops the instance the tests above share.
test("SIGTERM to npm start stops the server and its workers within 5 s", async () => {
  await expectStopsEverything(instance, "SIGTERM");
});

for (const signal of ["SIGINT", "SIGHUP"] as const)
  test(`${signal} to npm start stops the server and its workers within 5 s`, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-stop-"));
    const own = await startAppInstance(
      await freePort(3300, 3399),
      { WEB_CONCURRENCY: "2", DATABASE_URL: `file:${path.join(dir, "app.db")}` },
      "npm",
    );
    try {
      await expectStopsEverything(own, signal);
    } finally {
      await own.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
