import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";

import { setUpIntegrationTests, testCaller } from "./setup";

// The watch (lib/credential-watch/): scheduled checks turn what ClickUp says into a state, said
// once per change — an Activity entry, an alert — and never call anything inconclusive broken.

vi.setConfig({ testTimeout: 30_000 });
const INTERVAL_SECONDS = 60;
const INTERVAL_MS = INTERVAL_SECONDS * 1000;
const { clickUp, database } = await setUpIntegrationTests({ credentialCheckIntervalSeconds: INTERVAL_SECONDS });
const [
  { createCredential },
  { createEndpoint },
  { checkCredential },
  { claimDueChecks, scheduleUnscheduled },
  { verifyCredential },
  { replaceCredentialToken },
  { keepNewAccount },
  { listWorkspacesForCredential },
  dbModule,
] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/endpoints/create-endpoint"),
  import("@/lib/credential-watch/check-credential"),
  import("@/lib/credential-watch/claim-due-checks"),
  import("@/lib/credentials/verify-credential"),
  import("@/lib/credentials/replace-credential-token"),
  import("@/lib/credentials/keep-new-account"),
  import("@/lib/endpoints/list-workspaces"),
  import("@/lib/db/client"),
]);
const db = dbModule.getDb();

const goodToken = () => `pk_good_${randomBytes(10).toString("hex")}`;
let now: number;

beforeEach(() => {
  now = Date.parse("2026-12-05T14:00:00.000Z") + Math.floor(Math.random() * 1000) * INTERVAL_MS;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(now);
});
afterEach(() => vi.useRealTimers());

async function credentialOnly(name = `Watched ${randomBytes(4).toString("hex")}`) {
  const token = goodToken();
  const created = await createCredential(testCaller, { connector: "clickup", name, apiKey: token });
  if (!created.ok) throw new Error(created.message);
  return { id: created.data.id, token, name, version: created.data.version };
}

async function credentialWithSource(name = `Watched ${randomBytes(4).toString("hex")}`) {
  const { token, ...created } = await credentialOnly(name);
  const source = await createEndpoint(testCaller, {
    kind: "source",
    connector: "clickup",
    credentialId: created.id,
    name: `${name} tasks`,
    workspaceId: "9002",
  });
  if (!source.ok) throw new Error(source.message);
  clickUp.requests.length = 0;
  return { ...created, token, sourceId: source.data.id };
}

const row = (id: string) =>
  db.credential.findUniqueOrThrow({
    where: { id },
    select: { state: true, stateReason: true, nextCheckAt: true, inconclusiveCount: true },
  });
const stateChanges = async (id: string) =>
  (
    await db.credentialEvent.findMany({
      where: { credentialId: id, type: "state_changed" },
      orderBy: { createdAt: "asc" },
    })
  ).map((event) => event.detail);
const alerts = async (id: string) =>
  (await db.alert.findMany({ where: { credentialId: id }, orderBy: { createdAt: "asc" } })).map((alert) => ({
    type: alert.type,
    payload: JSON.parse(alert.payload) as Record<string, unknown>,
    raw: alert.payload,
  }));
const later = (intervals: number) => vi.setSystemTime((now += intervals * INTERVAL_MS));

describe("scheduled checks", () => {
  it("a revoked token is broken after one check: one Activity entry and one alert naming the credential and its source, never the token; repeats add nothing; accepted again is a recovery, said once", async () => {
    const credential = await credentialWithSource();
    clickUp.revokedTokens.add(credential.token);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({
      ok: true,
      state: "broken",
      changed: true,
    });
    // Only /user is asked when it refuses: /team would say nothing more.
    expect(clickUp.requests.map((request) => request.path)).toEqual(["/api/v2/user"]);
    later(1);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "broken", changed: false });
    expect(await row(credential.id)).toMatchObject({ state: "broken", stateReason: expect.stringMatching(/ClickUp/) });
    expect(await stateChanges(credential.id)).toEqual([expect.stringMatching(/^ClickUp stopped accepting this token/)]);

    const [broken, ...others] = await alerts(credential.id);
    expect(others).toEqual([]);
    expect(broken.type).toBe("credential.broken");
    expect(broken.payload).toMatchObject({
      type: "credential.broken",
      data: {
        credential: { id: credential.id, name: credential.name, connector: "clickup", state: "broken" },
        endpoints: [{ id: credential.sourceId, kind: "source", name: `${credential.name} tasks`, workspaceId: "9002" }],
      },
    });
    expect(broken.raw).not.toContain(credential.token);
    expect(broken.raw).not.toContain(credential.token.slice(-4));

    clickUp.revokedTokens.delete(credential.token);
    later(1);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "ok", changed: true });
    later(1);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "ok", changed: false });
    expect(await stateChanges(credential.id)).toEqual([
      expect.stringMatching(/^ClickUp stopped accepting/),
      "Recovered: ClickUp accepts the token again.",
    ]);
    expect((await alerts(credential.id)).map((alert) => alert.type)).toEqual([
      "credential.broken",
      "credential.recovered",
    ]);
  });

  it("another ClickUp account behind the token is account_changed until Replace token settles it (a recovery)", async () => {
    const credential = await credentialWithSource();
    clickUp.swappedTokens.add(credential.token);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "account_changed", changed: true });
    expect((await row(credential.id)).stateReason).toMatch(/now reports Grace Hopper .*not Ada Lovelace/);
    // A use that only lists Workspaces cannot tell whose the token is: it settles nothing.
    expect((await listWorkspacesForCredential(testCaller.person, "clickup", credential.id)).ok).toBe(true);
    expect((await row(credential.id)).state).toBe("account_changed");

    const replaced = await replaceCredentialToken(testCaller, {
      id: credential.id,
      version: credential.version,
      apiKey: goodToken(),
    });
    expect(replaced).toMatchObject({ ok: true, data: { state: "ok" } });
    expect((await alerts(credential.id)).map((alert) => alert.type)).toEqual([
      "credential.account_changed",
      "credential.recovered",
    ]);
    expect(await stateChanges(credential.id)).toEqual([
      expect.stringMatching(/now reports Grace Hopper/),
      "Recovered: ClickUp accepts the token again.",
    ]);
  });

  it("the owner may keep the new account instead: the credential takes it as its own, is ok again (a recovery, said once), and later checks find it ok", async () => {
    const credential = await credentialWithSource();
    const version = async () =>
      (await db.credential.findUniqueOrThrow({ where: { id: credential.id }, select: { version: true } })).version;
    expect(await keepNewAccount(testCaller, { id: credential.id, version: await version() })).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    clickUp.swappedTokens.add(credential.token);
    await checkCredential(credential.id, "schedule");
    const shown = await version();
    expect(await keepNewAccount(testCaller, { id: credential.id, version: shown + 1 })).toMatchObject({
      ok: false,
      reason: "stale",
    });
    expect((await row(credential.id)).state).toBe("account_changed");

    expect(await keepNewAccount(testCaller, { id: credential.id, version: shown })).toMatchObject({
      ok: true,
      data: { state: "ok", account: { name: "Grace Hopper" } },
    });
    expect(await db.credential.findUniqueOrThrow({ where: { id: credential.id } })).toMatchObject({
      state: "ok",
      accountName: "Grace Hopper",
      reportedAccountId: null,
    });
    const kept = await db.credentialEvent.findMany({ where: { credentialId: credential.id, type: "account_kept" } });
    expect(kept.map((event) => event.detail)).toEqual([
      expect.stringMatching(/^Kept Grace Hopper .*instead of Ada Lovelace/),
    ]);
    expect((await alerts(credential.id)).map((alert) => alert.type)).toEqual([
      "credential.account_changed",
      "credential.recovered",
    ]);
    // Twice is not a second recovery: nothing is left to keep.
    expect(await keepNewAccount(testCaller, { id: credential.id, version: await version() })).toMatchObject({
      ok: false,
      reason: "conflict",
    });
    later(1);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "ok", changed: false });
    expect(await stateChanges(credential.id)).toEqual([
      expect.stringMatching(/now reports Grace Hopper/),
      "Recovered: ClickUp accepts the token again.",
    ]);
  });

  it("ClickUp down or rate limiting is never broken: the state stays, checks back off (a 429 not before its reset), and after two intervals of it the state is unknown, without an alert", async () => {
    const credential = await credentialWithSource();
    clickUp.failingTokens.add(credential.token);
    const nextDue = async () => ((await row(credential.id)).nextCheckAt?.getTime() ?? 0) - now;

    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "ok", finding: "inconclusive" });
    const firstWait = await nextDue();
    later(1);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "ok", finding: "inconclusive" });
    const secondWait = await nextDue();
    expect(firstWait).toBeGreaterThanOrEqual(INTERVAL_MS);
    expect(secondWait).toBeGreaterThanOrEqual(2 * INTERVAL_MS);

    clickUp.failingTokens.delete(credential.token);
    clickUp.rateLimitedTokens.add(credential.token);
    later(1);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "unknown", changed: true });
    expect(await nextDue()).toBeGreaterThanOrEqual(4 * INTERVAL_MS);
    expect((await row(credential.id)).stateReason).toMatch(/could not be asked .* two check intervals/);
    expect(await alerts(credential.id)).toEqual([]);

    clickUp.rateLimitedTokens.delete(credential.token);
    later(4);
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "ok", changed: true });
    // Unknown was never announced, so its end is not either; the Activity has both changes.
    expect(await alerts(credential.id)).toEqual([]);
    expect(await stateChanges(credential.id)).toHaveLength(2);
    expect((await row(credential.id)).inconclusiveCount).toBe(0);
  });

  it("a Workspace missing from ClickUp's list marks the sources on it Workspace access lost, not the credential; back in the list, restored", async () => {
    const credential = await credentialWithSource();
    clickUp.droppedWorkspaces.set(credential.token, new Set(["9002"]));
    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "ok", changed: false });
    const source = () =>
      db.endpoint.findUniqueOrThrow({ where: { id: credential.sourceId }, select: { workspaceAccess: true } });
    expect(await source()).toEqual({ workspaceAccess: "lost" });
    later(1);
    await checkCredential(credential.id, "schedule");
    clickUp.droppedWorkspaces.delete(credential.token);
    later(1);
    await checkCredential(credential.id, "schedule");
    expect(await source()).toEqual({ workspaceAccess: "ok" });
    const said = await alerts(credential.id);
    expect(said.map((alert) => alert.type)).toEqual(["endpoint.workspace_lost", "endpoint.workspace_restored"]);
    expect(said[0].payload).toMatchObject({ data: { endpoints: [{ id: credential.sourceId, workspaceId: "9002" }] } });
  });

  it("Verify now changes the state the same way, naming who pressed it", async () => {
    const credential = await credentialWithSource();
    clickUp.revokedTokens.add(credential.token);
    expect(await verifyCredential(testCaller, { id: credential.id })).toMatchObject({ ok: false });
    expect((await row(credential.id)).state).toBe("broken");
    const [entry] = await db.credentialEvent.findMany({
      where: { credentialId: credential.id, type: "state_changed" },
    });
    expect(entry.actorName).toBe(testCaller.person.name);
    expect((await alerts(credential.id)).map((alert) => alert.type)).toEqual(["credential.broken"]);
  });
});

describe("the schedule", () => {
  it("a saved credential is due one interval after its save (with jitter), and a claim moves it one interval on, once", async () => {
    const credential = await credentialWithSource();
    const due = (await row(credential.id)).nextCheckAt!.getTime();
    expect(due - now).toBeGreaterThanOrEqual(INTERVAL_MS);
    expect(due - now).toBeLessThanOrEqual(INTERVAL_MS * 1.1);
    expect(await claimDueChecks(100, new Date(due - 1), { intervalMs: INTERVAL_MS })).not.toContain(credential.id);
    const [first, second] = await Promise.all([
      claimDueChecks(100, new Date(due), { intervalMs: INTERVAL_MS }),
      claimDueChecks(100, new Date(due), { intervalMs: INTERVAL_MS }),
    ]);
    expect([...first, ...second].filter((id) => id === credential.id)).toHaveLength(1);
  });

  it("credentials never scheduled (saved before the watch) are spread over the next interval, not all due at start", async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => credentialOnly().then((made) => made.id)));
    await db.credential.updateMany({ where: { id: { in: ids } }, data: { nextCheckAt: null } });
    later(10);
    await scheduleUnscheduled(1000, new Date(now), { intervalMs: INTERVAL_MS });
    const dues = (await db.credential.findMany({ where: { id: { in: ids } }, select: { nextCheckAt: true } })).map(
      (scheduled) => scheduled.nextCheckAt!.getTime() - now,
    );
    expect(dues.every((wait) => wait >= 0 && wait <= INTERVAL_MS)).toBe(true);
    expect(new Set(dues.map((wait) => Math.floor(wait / (INTERVAL_MS / 4)))).size).toBeGreaterThan(1);
  });

  it("an app process killed (SIGKILL) while ClickUp answers its check leaves nothing half-written: the next check records the change once, with one alert", async () => {
    const credential = await credentialWithSource();
    const checksBefore = await db.credentialCheck.count({ where: { credentialId: credential.id } });
    clickUp.revokedTokens.add(credential.token);
    let heard = false;
    // ClickUp holds its answer (the worker's timeout is 2 s): the kill lands mid-check.
    clickUp.beforeAnswer = () => {
      heard = true;
      return new Promise((resolve) => setTimeout(resolve, 5_000));
    };
    onTestFinished(() => {
      clickUp.beforeAnswer = undefined;
    });
    vi.useRealTimers();
    const worker = spawn(
      path.resolve("node_modules/.bin/tsx"),
      ["--conditions=react-server", path.resolve("tests/integration/watch-check-worker.ts"), credential.id],
      { env: { ...process.env, NODE_ENV: "test" }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let printed = "";
    worker.stdout.on("data", (chunk: Buffer) => (printed += chunk.toString()));
    const exited = new Promise((resolve) => worker.on("exit", (_code, signal) => resolve(signal)));
    await vi.waitFor(() => expect(heard).toBe(true), { timeout: 20_000, interval: 10 });
    worker.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(printed).toBe("");
    clickUp.beforeAnswer = undefined;

    expect((await row(credential.id)).state).toBe("ok");
    expect(await stateChanges(credential.id)).toEqual([]);
    expect(await alerts(credential.id)).toEqual([]);
    expect(await db.credentialCheck.count({ where: { credentialId: credential.id } })).toBe(checksBefore);

    expect(await checkCredential(credential.id, "schedule")).toMatchObject({ state: "broken", changed: true });
    expect(await stateChanges(credential.id)).toEqual([expect.stringMatching(/^ClickUp stopped accepting/)]);
    expect((await alerts(credential.id)).map((alert) => alert.type)).toEqual(["credential.broken"]);
  });

  it("two processes claiming the same 40 due credentials at once check each exactly once", async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => credentialOnly().then((made) => made.id)));
    const dueAt = now - 1000;
    await db.credential.updateMany({ where: { id: { in: ids } }, data: { nextCheckAt: new Date(dueAt) } });
    vi.useRealTimers();
    const run = promisify(execFile);
    const startAt = String(Date.now() + 2_500);
    const outputs = await Promise.all(
      [0, 1].map(() =>
        run(
          path.resolve("node_modules/.bin/tsx"),
          ["--conditions=react-server", path.resolve("tests/integration/watch-claim-worker.ts"), String(now), startAt],
          { env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "test" }, timeout: 25_000, encoding: "utf8" },
        ),
      ),
    );
    const claimed = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as string[]).filter((id) => ids.includes(id));
    expect(claimed.sort()).toEqual([...ids].sort());
  });
});
