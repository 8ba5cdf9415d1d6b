import { processGroupCpuByProcess } from "./support/app-instance";
import { queryRows } from "./support/database";
import { fakeToken, uniqueName } from "./support/helpers";
import { learnSaveAction, postSave, randomAddress } from "./support/save-action";
import { startAppInstance, type AppInstance } from "./support/shared-app-instance";
import { expect, test } from "./support/test";

// `npm start` serves with one worker process per core (scripts/workers.mjs). Two workers of one
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
    "npm-start",
  );
});

test.afterAll(async () => {
  await instance?.stop();
});

const workersOf = (cpu: Map<number, number>, groupId: number) => [...cpu.keys()].filter((pid) => pid !== groupId);

test("npm start with WEB_CONCURRENCY=2 serves from two workers and says so once", async () => {
  await expect.poll(() => instance.output()).toContain("(2 workers)");
  // The supervisor (the group's leader) and two workers.
  expect(workersOf(processGroupCpuByProcess(instance.pid), instance.pid)).toHaveLength(2);
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
  const spent = workersOf(after, instance.pid).map((pid) => (after.get(pid) ?? 0) - (before.get(pid) ?? 0));
  expect(spent).toHaveLength(2);
  for (const seconds of spent) expect(seconds).toBeGreaterThan(0.1);
  expect(instance.output()).not.toMatch(/Worker \d+ stopped/);
});
