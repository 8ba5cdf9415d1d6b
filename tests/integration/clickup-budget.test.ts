import { execFile } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { setUpIntegrationTests, testCaller } from "./setup";

// The rate budget of a token (lib/clickup-budget/): every call the app makes to ClickUp with a
// token reserves from one log in the database, so all callers, processes and credentials holding
// that token together stay within its calls a minute, in any 60-second window.

vi.setConfig({ testTimeout: 30_000 });
const { clickUp, database, keyRingText } = await setUpIntegrationTests();
const [
  { reserveClickUpCall },
  { budgetKeyFor },
  { createCredential },
  { verifyCredential },
  watch,
  listing,
  dbModule,
  { getBudgetUse },
  { rollUpKeyCalls },
] = await Promise.all([
  import("@/lib/clickup-budget/reserve-call"),
  import("@/lib/clickup-budget/budget-key"),
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/verify-credential"),
  import("@/lib/credential-watch/check-credential"),
  import("@/lib/endpoints/list-workspaces"),
  import("@/lib/db/client"),
  import("@/lib/clickup-budget/budget-use"),
  import("@/lib/clickup-budget/roll-up-key-calls"),
]);
const db = dbModule.getDb();
const MINUTE = 60_000;

const goodToken = () => `pk_good_${randomBytes(10).toString("hex")}`;

async function storedCredential(token = goodToken(), callsPerMinute?: number) {
  const created = await createCredential(testCaller, {
    connector: "clickup",
    name: `Budgeted ${randomBytes(4).toString("hex")}`,
    apiKey: token,
  });
  if (!created.ok) throw new Error(created.message);
  if (callsPerMinute) await db.credential.update({ where: { id: created.data.id }, data: { callsPerMinute } });
  return { id: created.data.id, version: created.data.version, token };
}

const reservations = (token: string) =>
  db.clickUpCallReservation.findMany({ where: { budgetKey: budgetKeyFor(token) }, orderBy: { at: "asc" } });

/** The most of `times` (ms) that fall in any 60-second window. */
function busiestMinute(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; j < sorted.length; j++) {
    while (sorted[j] - sorted[i] >= MINUTE) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

beforeEach(() => {
  clickUp.requests.length = 0;
});
afterEach(() => vi.useRealTimers());

describe("one budget per token, across processes", () => {
  it("lets at most the limit through in any 60-second window, and tells every other caller when to retry", async () => {
    const LIMIT = 5;
    const token = goodToken();
    const { id } = await storedCredential(token);
    clickUp.limits.set(token, LIMIT);
    clickUp.requests.length = 0;
    const before = (await reservations(token)).length;

    const run = promisify(execFile);
    const tsx = path.resolve("node_modules/.bin/tsx");
    const worker = path.resolve("tests/integration/clickup-budget-worker.ts");
    const startAt = String(Date.now() + 3_000);
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      CREDENTIAL_ENCRYPTION_KEYS: keyRingText,
      CLICKUP_API_BASE_URL: clickUp.baseUrl,
      NODE_ENV: "test" as const,
    };
    const outputs = await Promise.all(
      [0, 1].map(() =>
        run(tsx, ["--conditions=react-server", worker, token, id, "5", String(LIMIT), "800", startAt], {
          env,
          timeout: 25_000,
          encoding: "utf8",
        }),
      ),
    );
    const results = outputs.flatMap(({ stdout }) => JSON.parse(stdout) as Record<string, unknown>[]);

    expect(results).toHaveLength(10);
    const allowed = LIMIT - before;
    expect(results.filter((result) => result.ok)).toHaveLength(allowed);
    for (const result of results) {
      if (result.ok) expect(result.status).toBe(200);
      else expect(result.retryAfterSeconds).toEqual(expect.any(Number));
      if (!result.ok) expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    const log = await reservations(token);
    const counted = log.filter((row) => row.outcome !== "refused");
    const times = counted.flatMap((row) => Array.from({ length: row.calls }, () => row.at.getTime()));
    expect(busiestMinute(times)).toBeLessThanOrEqual(LIMIT);
    expect(log.filter((row) => row.outcome === "refused")).toHaveLength(10 - allowed);
    // ClickUp itself never had to refuse: it saw at most the limit in any window.
    const calls = clickUp.callLog.get(token) ?? [];
    expect(calls.filter((call) => call.status === 429)).toEqual([]);
    expect(busiestMinute(calls.map((call) => call.at))).toBeLessThanOrEqual(LIMIT);
  });
});

describe("reserving", () => {
  it("waits until the oldest call in the window leaves it, then refuses what cannot fit in the longest wait", async () => {
    const token = goodToken();
    const now = Date.now();
    const budgetKey = budgetKeyFor(token);
    // Two calls 59.4 s ago fill a budget of 2: room comes in 0.6 s.
    await db.clickUpCallReservation.createMany({
      data: [0, 1].map(() => ({
        id: randomUUID(),
        budgetKey,
        at: new Date(now - 59_400),
        credentialId: "c1",
        purpose: "proxy",
        outcome: "called",
      })),
    });
    const use = { credentialId: "c1", purpose: "proxy" } as const;

    const refusedAtOnce = await reserveClickUpCall({ token, limitPerMinute: 2, use, maxWaitMs: 0 });
    expect(refusedAtOnce).toEqual({ ok: false, retryAfterSeconds: 1 });

    const waited = await reserveClickUpCall({ token, limitPerMinute: 2, use, maxWaitMs: 3_000 });
    expect(waited).toMatchObject({ ok: true });
    if (!waited.ok) return;
    expect(waited.waitedMs).toBeGreaterThanOrEqual(300);
    expect(waited.waitedMs).toBeLessThan(3_000);

    expect(await reserveClickUpCall({ token, limitPerMinute: 2, use, maxWaitMs: 0 })).toMatchObject({ ok: true });
    // Full again until 60 s after the call just let through: no point waiting 1 s for that.
    const started = performance.now();
    const refused = await reserveClickUpCall({ token, limitPerMinute: 2, use, maxWaitMs: 1_000 });
    expect(refused.ok).toBe(false);
    expect(performance.now() - started).toBeLessThan(900);
    if (!refused.ok) expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect((await reservations(token)).map((row) => row.outcome).sort()).toEqual([
      "called",
      "called",
      "called",
      "called",
      "refused",
      "refused",
    ]);
  });

  it("shares one budget between credentials holding the same token", async () => {
    const token = goodToken();
    const first = await storedCredential(token, 3);
    const second = await storedCredential(token, 3);
    clickUp.requests.length = 0;
    for (const { id } of [first, second, first]) expect((await verifyCredential(testCaller, { id })).ok).toBe(true);
    const refused = await verifyCredential(testCaller, { id: second.id });
    expect(refused).toMatchObject({ ok: false, reason: "rate-limited", retryAt: expect.any(String) });
    expect(clickUp.requests).toHaveLength(3);
    const log = await reservations(token);
    expect(new Set(log.map((row) => row.credentialId))).toEqual(new Set([first.id, second.id]));
  });

  it("keeps the token out of every column: the budget key is a keyed hash, not the token or its plain hash", async () => {
    const token = goodToken();
    const { id } = await storedCredential(token);
    expect((await verifyCredential(testCaller, { id })).ok).toBe(true);
    const rows = await database.queryRows('SELECT * FROM "ClickUpCallReservation"');
    expect(rows.length).toBeGreaterThan(0);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(token.slice(8));
    for (const encoding of ["hex", "base64", "base64url"] as const)
      expect(dump).not.toContain(createHash("sha256").update(token).digest(encoding));
    expect(budgetKeyFor(token)).toMatch(/^[\w-]{32,}$/);
    expect(budgetKeyFor(goodToken())).not.toBe(budgetKeyFor(token));
  });
});

describe("ClickUp's rate-limit headers", () => {
  it("count calls others made with the token outside the app", async () => {
    const token = goodToken();
    clickUp.limits.set(token, 10);
    // Someone else's script spends 7 of the token's 10 calls.
    for (let i = 0; i < 7; i++)
      await (await fetch(`${clickUp.baseUrl}/api/v2/team`, { headers: { Authorization: token } })).text();
    const use = { credentialId: "outside", purpose: "proxy" } as const;
    const call = async () => {
      const reservation = await reserveClickUpCall({ token, limitPerMinute: 10, use, maxWaitMs: 0 });
      if (!reservation.ok) return reservation;
      const answer = await fetch(`${clickUp.baseUrl}/api/v2/user`, { headers: { Authorization: token } });
      await answer.text();
      await reservation.settle({ status: answer.status, headers: answer.headers });
      return { ok: true as const, status: answer.status };
    };
    expect(await call()).toEqual({ ok: true, status: 200 });
    // ClickUp said 2 remain: two more go through, the next is ours to refuse, not ClickUp's.
    expect(await call()).toEqual({ ok: true, status: 200 });
    expect(await call()).toEqual({ ok: true, status: 200 });
    expect(await call()).toMatchObject({ ok: false, retryAfterSeconds: expect.any(Number) });
    expect((clickUp.callLog.get(token) ?? []).filter((c) => c.status === 429)).toEqual([]);
    const external = (await reservations(token)).filter((row) => row.outcome === "external");
    expect(external.reduce((sum, row) => sum + row.calls, 0)).toBe(7);
  });

  it("take a 429 from ClickUp as a full budget until its reset", async () => {
    const token = goodToken();
    clickUp.limits.set(token, 3);
    for (let i = 0; i < 3; i++)
      await (await fetch(`${clickUp.baseUrl}/api/v2/team`, { headers: { Authorization: token } })).text();
    const use = { credentialId: "outside", purpose: "proxy" } as const;
    const reservation = await reserveClickUpCall({ token, limitPerMinute: 100, use, maxWaitMs: 0 });
    expect(reservation.ok).toBe(true);
    if (!reservation.ok) return;
    const answer = await fetch(`${clickUp.baseUrl}/api/v2/user`, { headers: { Authorization: token } });
    expect(answer.status).toBe(429);
    await reservation.settle({ status: answer.status, headers: answer.headers });
    const next = await reserveClickUpCall({ token, limitPerMinute: 100, use, maxWaitMs: 0 });
    expect(next).toMatchObject({ ok: false });
    if (!next.ok) expect(next.retryAfterSeconds).toBeGreaterThanOrEqual(50);
  });
});

describe("the app's own calls", () => {
  it("a scheduled check the budget refuses stays inconclusive and is deferred, never broken", async () => {
    const { id, token } = await storedCredential(goodToken(), 2);
    // Two calls through the ClickUp proxy fill the credential's two calls a minute.
    for (let i = 0; i < 2; i++)
      await reserveClickUpCall({ token, limitPerMinute: 2, use: { credentialId: id, purpose: "proxy" }, maxWaitMs: 0 });
    clickUp.requests.length = 0;
    const checked = await watch.checkCredential(id, "schedule");
    expect(checked).toMatchObject({ ok: true, state: "ok", finding: "inconclusive", changed: false });
    expect(clickUp.requests).toEqual([]);
    const row = await db.credential.findUniqueOrThrow({ where: { id } });
    expect(row.state).toBe("ok");
    expect(row.nextCheckAt!.getTime()).toBeGreaterThan(Date.now() + 30_000);
    const checks = await db.credentialCheck.findMany({ where: { credentialId: id, trigger: "schedule" } });
    expect(checks.map((check) => check.outcome)).toEqual(["inconclusive"]);
  });

  it("Verify now and Workspace listing reserve from the budget, and are refused by it", async () => {
    const { id, token } = await storedCredential(goodToken(), 3);
    expect((await verifyCredential(testCaller, { id })).ok).toBe(true);
    expect((await listing.listWorkspacesForCredential(testCaller.person, "clickup", id)).ok).toBe(true);
    expect((await listing.listWorkspacesForCredential(testCaller.person, "clickup", id)).ok).toBe(true);
    expect(await listing.listWorkspacesForCredential(testCaller.person, "clickup", id)).toMatchObject({
      ok: false,
      reason: "rate-limited",
    });
    expect((await reservations(token)).map((row) => [row.purpose, row.outcome])).toEqual([
      ["verify", "called"],
      ["listing", "called"],
      ["listing", "called"],
      ["listing", "refused"],
    ]);
  });
});

describe("use is visible", () => {
  it("sums the last hour's calls of a credential by source, API key and person, with those that waited or were refused", async () => {
    const { id, token } = await storedCredential(goodToken(), 100);
    const source = await db.endpoint.create({
      data: {
        id: randomUUID(),
        kind: "source",
        connector: "clickup",
        name: "Tasks board",
        nameKey: randomUUID(),
        workspaceId: "9001",
        workspaceName: "Analytics Workspace",
        credentialId: id,
        ownerId: testCaller.person.id,
      },
    });
    const key = await db.apiKey.create({
      data: {
        id: randomUUID(),
        userId: testCaller.person.id,
        name: "Nightly sync",
        prefix: "cuk_x",
        keyHash: randomUUID(),
      },
    });
    const budgetKey = budgetKeyFor(token);
    // Half-way through the last whole minute, so every call below falls in one clock minute.
    const now = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE / 2;
    const row = (at: number, more: Record<string, unknown>) => ({
      id: randomUUID(),
      budgetKey,
      at: new Date(at),
      credentialId: id,
      purpose: "proxy",
      outcome: "called",
      ...more,
    });
    await db.clickUpCallReservation.createMany({
      data: [
        row(now - 1000, { endpointId: source.id, apiKeyId: key.id, personId: testCaller.person.id }),
        row(now - 2000, { endpointId: source.id, apiKeyId: key.id, personId: testCaller.person.id, waitedMs: 800 }),
        row(now - 3000, {
          endpointId: source.id,
          apiKeyId: key.id,
          personId: testCaller.person.id,
          outcome: "refused",
        }),
        row(now - 4000, { personId: testCaller.person.id, purpose: "verify" }),
        // Over an hour ago, and another credential's: not counted.
        row(now - 61 * MINUTE, { personId: testCaller.person.id }),
        row(now - 1000, { credentialId: "someone-else", personId: testCaller.person.id }),
        // Others' use of the token, from ClickUp's headers: in the budget, by nobody here.
        row(now - 5000, { outcome: "external", calls: 7 }),
      ],
    });
    const use = await getBudgetUse(id);
    expect(use).toMatchObject({ calls: 3, waited: 1, refused: 1, external: 7, busiestMinute: 10 });
    expect(use.by).toEqual([
      {
        source: "Tasks board",
        apiKey: "Nightly sync",
        person: testCaller.person.name,
        calls: 2,
        waited: 1,
        refused: 1,
      },
      { source: null, apiKey: null, person: testCaller.person.name, calls: 1, waited: 0, refused: 0 },
    ]);
  });

  it("records in the Activity, per API key and hour, how many calls went through: one entry, counted up", async () => {
    const { id, token } = await storedCredential();
    const key = await db.apiKey.create({
      data: { id: randomUUID(), userId: testCaller.person.id, name: "Hourly", prefix: "cuk_y", keyHash: randomUUID() },
    });
    const hour = Math.floor(Date.now() / (60 * MINUTE)) * 60 * MINUTE;
    const call = (at: number, outcome = "called") => ({
      id: randomUUID(),
      budgetKey: budgetKeyFor(token),
      at: new Date(at),
      credentialId: id,
      apiKeyId: key.id,
      personId: testCaller.person.id,
      purpose: "proxy",
      outcome,
    });
    await db.clickUpCallReservation.createMany({
      data: [call(hour + 1000), call(hour + 2000), call(hour + 3000, "refused"), call(hour - 1000)],
    });
    await rollUpKeyCalls(new Date(hour + 5000));
    await db.clickUpCallReservation.createMany({ data: [call(hour + 4000)] });
    await rollUpKeyCalls(new Date(hour + 6000));
    const entries = await db.credentialEvent.findMany({
      where: { credentialId: id, type: "api_calls" },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((entry) => [entry.createdAt.getTime(), entry.times, entry.actorName])).toEqual([
      [hour - 60 * MINUTE, 1, testCaller.person.name],
      [hour, 3, testCaller.person.name],
    ]);
    expect(entries[1].detail).toBe('Through the ClickUp proxy with API key "Hourly".');
    expect(entries[1].lastAt?.getTime()).toBe(hour + 4000);
  });
});
