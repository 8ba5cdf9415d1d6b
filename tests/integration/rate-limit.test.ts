import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import type { Caller } from "@/lib/auth/person";
import { resolveSqlitePath } from "@/lib/config/startup-rules.mjs";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/prisma-postgres/client";
import { PrismaClient } from "@/lib/generated/prisma/client";

import { setUpIntegrationTests, TEST_ADMIN } from "./setup";

const LIMIT = 10;
// Above what any one test below spends across its client keys, except the test of this limit.
const PER_PERSON = 25;
const MINUTE = 60_000;
const { database, clickUp } = await setUpIntegrationTests({
  tokenChecksPerMinute: LIMIT,
  tokenChecksPerPersonPerMinute: PER_PERSON,
});
const [{ createCredential }, { verifyCredential }, { replaceCredentialToken }, rateLimit, tokenLimit, dbModule] =
  await Promise.all([
    import("@/lib/credentials/create-credential"),
    import("@/lib/credentials/verify-credential"),
    import("@/lib/credentials/replace-credential-token"),
    import("@/lib/security/rate-limit"),
    import("@/lib/credentials/token-check-limit"),
    import("@/lib/db/client"),
  ]);
let now: number;

const goodToken = () => `pk_good_${randomBytes(12).toString("hex")}`;
const client = (clientKey: string): Caller => ({ person: TEST_ADMIN, clientKey });
let names = 0;
const create = (clientKey: string, more: Record<string, unknown> = {}) =>
  createCredential(client(clientKey), {
    connector: "clickup",
    name: `Credential ${++names}`,
    apiKey: goodToken(),
    ...more,
  });
const TOO_MANY = {
  ok: false,
  reason: "rate-limited",
  message: expect.stringContaining("Too many token checks"),
  retryAt: expect.any(String),
};
const windowCount = async (clientKey: string) =>
  (await dbModule.getDb().rateLimitWindow.findMany({ where: { key: `token-check:${clientKey}` } })).reduce(
    (sum, row) => sum + row.count,
    0,
  );

beforeEach(async () => {
  const db = dbModule.getDb();
  await db.$transaction([
    db.endpoint.deleteMany(),
    db.credential.deleteMany(),
    db.credentialEvent.deleteMany(),
    db.rateLimitWindow.deleteMany(),
  ]);
  clickUp.requests.length = 0;
  // Only Date is frozen (timers and sockets run normally), half-way through a window, so no test
  // can straddle two windows by accident.
  now = Math.floor(Date.now() / MINUTE) * MINUTE + 30_000;
  vi.useFakeTimers({ toFake: ["Date"], now });
});

afterEach(() => {
  vi.useRealTimers();
});

describe("token checks per client per minute", { timeout: 15_000 }, () => {
  it(`refuses the ${LIMIT + 1}th check within a minute, says when to retry, and sends nothing to ClickUp`, async () => {
    for (let i = 0; i < LIMIT; i++) expect((await create("client-a")).ok).toBe(true);
    expect(clickUp.requests).toHaveLength(LIMIT);

    const refused = await create("client-a");
    expect(refused).toEqual({
      ...TOO_MANY,
      message: expect.stringMatching(/at most 10 a minute.*Nothing was sent to ClickUp; try again in 30 seconds/),
    });
    const retryAt = Date.parse((refused as { retryAt: string }).retryAt);
    expect(retryAt).toBeGreaterThan(now);
    expect(retryAt).toBeLessThanOrEqual(now + MINUTE);
    expect(clickUp.requests).toHaveLength(LIMIT);
    expect(await database.queryRows('SELECT * FROM "Credential"')).toHaveLength(LIMIT);
  });

  it("keeps each client's allowance separate", async () => {
    for (let i = 0; i < LIMIT; i++) expect(await tokenLimit.limitTokenChecks(client("client-a"))).toBeUndefined();
    expect(await create("client-a")).toEqual(TOO_MANY);
    expect(clickUp.requests).toHaveLength(0);

    expect((await create("client-b")).ok).toBe(true);
    expect(clickUp.requests).toHaveLength(1);
  });

  it("allows checks again in the next window", async () => {
    for (let i = 0; i < LIMIT; i++)
      expect(await rateLimit.consumeRateLimit("direct", LIMIT, MINUTE, new Date(now))).toEqual({ allowed: true });
    const windowEnd = new Date(now + 30_000);
    expect(await rateLimit.consumeRateLimit("direct", LIMIT, MINUTE, new Date(now + 29_000))).toEqual({
      allowed: false,
      retryAt: windowEnd,
      retryAfterSeconds: 1,
    });
    expect(await rateLimit.consumeRateLimit("direct", LIMIT, MINUTE, windowEnd)).toEqual({ allowed: true });

    for (let i = 0; i < LIMIT; i++) await tokenLimit.limitTokenChecks(client("client-a"));
    expect(await create("client-a")).toEqual(TOO_MANY);
    vi.setSystemTime(now + MINUTE);
    expect((await create("client-a")).ok).toBe(true);
    expect(clickUp.requests).toHaveLength(1);
  });

  it("counts saving, verifying and replacing a token against one allowance", async () => {
    const saved = await create("setup");
    if (!saved.ok) throw new Error(saved.message);
    const { id } = saved.data;
    let version = saved.data.version;
    for (let i = 0; i < 3; i++) expect((await verifyCredential(client("client-c"), { id })).ok).toBe(true);
    for (let i = 0; i < 3; i++) {
      expect((await replaceCredentialToken(client("client-c"), { id, version, apiKey: goodToken() })).ok).toBe(true);
      version += 1;
    }
    for (let i = 0; i < 4; i++) expect((await create("client-c")).ok).toBe(true);
    clickUp.requests.length = 0;

    expect(await verifyCredential(client("client-c"), { id })).toEqual(TOO_MANY);
    expect(await replaceCredentialToken(client("client-c"), { id, version, apiKey: goodToken() })).toEqual(TOO_MANY);
    expect(await create("client-c")).toEqual(TOO_MANY);
    expect(clickUp.requests).toEqual([]);
  });

  it("does not count input refused before any token would be checked", async () => {
    const saved = await create("setup");
    if (!saved.ok) throw new Error(saved.message);
    const { id, version, name } = saved.data;
    for (let i = 0; i < 3; i++) {
      expect(await create("client-d", { apiKey: `Bearer ${goodToken()}` })).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors: { apiKey: expect.any(String) },
      });
      expect(await create("client-d", { name })).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors: { name: expect.stringMatching(/already exists/) },
      });
      expect(
        await replaceCredentialToken(client("client-d"), { id, version, apiKey: `Bearer ${goodToken()}` }),
      ).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { apiKey: expect.any(String) } });
      expect(
        await replaceCredentialToken(client("client-d"), { id, version: version + 7, apiKey: goodToken() }),
      ).toMatchObject({ ok: false, reason: "stale", message: expect.stringMatching(/changed elsewhere/) });
      expect(await verifyCredential(client("client-d"), { id: "no-such-credential" })).toMatchObject({
        ok: false,
        reason: "not-found",
        message: expect.stringMatching(/no longer exists/),
      });
    }
    expect(await windowCount("client-d")).toBe(0);
    for (let i = 0; i < LIMIT; i++) expect((await create("client-d")).ok).toBe(true);
    expect(await create("client-d")).toEqual(TOO_MANY);
  });
});

describe("a save sent again with an idempotency key already used", { timeout: 15_000 }, () => {
  const WRONG = { ok: false, reason: "refused", message: expect.stringContaining("with other details") };

  async function firstSave() {
    const idempotencyKey = randomUUID();
    const form = { name: "Guarded", description: "Ads", apiKey: goodToken(), idempotencyKey };
    const saved = await create("setup", form);
    if (!saved.ok) throw new Error(saved.message);
    clickUp.requests.length = 0;
    return { form, id: saved.data.id };
  }

  it("counts comparing its token with the stored one: 40 guesses are refused past the limit, the right one too", async () => {
    const { form } = await firstSave();
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await create("guesser", { ...form, apiKey: goodToken() }));
    expect(answers.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(WRONG));
    expect(answers.slice(LIMIT)).toEqual(Array(40 - LIMIT).fill(TOO_MANY));
    // Past the limit even the stored token learns nothing: the answer does not depend on it.
    expect(await create("guesser", form)).toEqual(TOO_MANY);
    expect(clickUp.requests).toEqual([]);
  });

  it("still answers a real retry (the same form sent again) with the credential, at the cost of one check", async () => {
    const { form, id } = await firstSave();
    expect(await create("retry", form)).toMatchObject({ ok: true, data: { id } });
    expect(await windowCount("retry")).toBe(1);
    expect(await database.queryRows('SELECT id FROM "Credential"')).toHaveLength(1);
  });

  it("refuses other details without comparing, and so without counting, the token", async () => {
    const { form } = await firstSave();
    for (let i = 0; i < 2 * LIMIT; i++)
      expect(await create("reused-form", { ...form, name: `Another ${i}`, apiKey: goodToken() })).toEqual(WRONG);
    expect(await windowCount("reused-form")).toBe(0);
  });
});

describe("token checks per person per minute", { timeout: 15_000 }, () => {
  const other: Caller["person"] = { ...TEST_ADMIN, id: "someone-else", email: "someone.else@example.test" };

  it(`refuses the ${PER_PERSON + 1}th check of one person within a minute, whatever client address each comes from`, async () => {
    // A new address for every check, as a client that could choose its address would send.
    for (let i = 0; i < PER_PERSON; i++) expect((await create(`rotating-${i}`)).ok).toBe(true);
    expect(clickUp.requests).toHaveLength(PER_PERSON);

    const refused = await create("yet-another-address");
    expect(refused).toEqual({
      ...TOO_MANY,
      message: expect.stringMatching(
        new RegExp(`by you \\(at most ${PER_PERSON} a minute, from any connection\\).*Nothing was sent to ClickUp`),
      ),
    });
    expect(clickUp.requests).toHaveLength(PER_PERSON);
    expect(await database.queryRows('SELECT * FROM "Credential"')).toHaveLength(PER_PERSON);

    // Another person, from one of those same addresses, has their own allowance.
    expect(await tokenLimit.limitTokenChecks({ person: other, clientKey: "rotating-1" })).toBeUndefined();
  });

  it("does not count checks the client's own limit already refused", async () => {
    for (let i = 0; i < LIMIT; i++) expect((await create("one-address")).ok).toBe(true);
    for (let i = 0; i < 5; i++) expect(await create("one-address")).toEqual(TOO_MANY);
    for (let i = 0; i < PER_PERSON - LIMIT; i++) expect((await create(`elsewhere-${i}`)).ok).toBe(true);
    expect(await create("elsewhere-last")).toEqual(TOO_MANY);
  });
});

describe("old windows", () => {
  it("are dropped after a day, at most once a minute by each process; younger ones (of any limit) are kept", async () => {
    const db = dbModule.getDb();
    const HOUR = 60 * MINUTE;
    const windowAt = (minutesFromNow: number) => new Date(Math.floor(now / MINUTE) * MINUTE + minutesFromNow * MINUTE);
    const keys = async () =>
      (await db.rateLimitWindow.findMany({ where: { key: { startsWith: "aged-" } }, orderBy: { key: "asc" } })).map(
        (row) => row.key,
      );
    const later = (minutes: number) => new Date(windowAt(minutes).getTime() + 30_000);

    await db.rateLimitWindow.createMany({
      data: [
        { key: "aged-old", windowStart: new Date(windowAt(0).getTime() - 25 * HOUR), count: 3 },
        // A 15-minute sign-in window that started 12 minutes before the check: still current.
        { key: "aged-sign-in", windowStart: windowAt(-2), count: 3 },
      ],
    });
    expect(await rateLimit.consumeRateLimit("aged-check", LIMIT, MINUTE, later(10))).toEqual({ allowed: true });
    expect(await keys()).toEqual(["aged-check", "aged-sign-in"]);

    // Within the same minute this process does not clean up again…
    await db.rateLimitWindow.create({
      data: { key: "aged-older", windowStart: new Date(windowAt(0).getTime() - 30 * HOUR), count: 1 },
    });
    await rateLimit.consumeRateLimit("aged-check", LIMIT, MINUTE, later(10));
    expect(await keys()).toEqual(["aged-check", "aged-older", "aged-sign-in"]);
    // …and does a minute later.
    await rateLimit.consumeRateLimit("aged-check", LIMIT, MINUTE, later(11));
    expect(await keys()).toEqual(["aged-check", "aged-check", "aged-sign-in"]);
  });
});

describe("the limit across app instances", { timeout: 15_000 }, () => {
  it("lets exactly the limit through when 40 calls race on two Prisma clients sharing the database", async () => {
    const holder = globalThis as unknown as { prisma?: unknown };
    dbModule.getDb();
    const first = holder.prisma; // lib/db/client.ts keeps { client, gate } here
    // A second client as another app instance would open it (the two generated clients share one model).
    const second =
      database.kind === "postgresql"
        ? (new PostgresPrismaClient({
            adapter: new PrismaPg({ connectionString: database.url }),
          }) as unknown as PrismaClient)
        : new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: resolveSqlitePath(database.url) }) });
    try {
      const at = new Date(now);
      // consumeRateLimit takes its client from getDb() synchronously, before its first await:
      // swapping the global client around each call makes that call run on that client.
      const decisions = Array.from({ length: 40 }, (_, i) => {
        holder.prisma = i % 2 === 0 ? first : { client: second };
        return rateLimit.consumeRateLimit("shared", LIMIT, MINUTE, at);
      });
      holder.prisma = first;
      const settled = await Promise.all(decisions);
      expect(settled.filter((decision) => decision.allowed)).toHaveLength(LIMIT);
      expect(await second.rateLimitWindow.findMany({ where: { key: "shared" } })).toEqual([
        { key: "shared", windowStart: new Date(now - 30_000), count: 40 },
      ]);
    } finally {
      holder.prisma = first;
      await second.$disconnect();
    }
  });

  it("lets exactly the limit through when two separate processes fire 20 calls each", async () => {
    const run = promisify(execFile);
    const tsx = path.resolve("node_modules/.bin/tsx");
    const worker = path.resolve("tests/integration/rate-limit-worker.ts");
    // The real clock (Date is faked in this process only): both start together once loaded.
    const startAt = String(Math.round(performance.timeOrigin + performance.now()) + 2_500);
    const env = { ...process.env, DATABASE_URL: database.url, NODE_ENV: "test" as const };
    const outputs = await Promise.all(
      [0, 1].map(() =>
        run(tsx, ["--conditions=react-server", worker, "processes", "20", String(LIMIT), String(now), startAt], {
          env,
          timeout: 20_000,
          encoding: "utf8",
        }),
      ),
    );
    const allowed = outputs.map(({ stdout }) => (JSON.parse(stdout) as { allowed: number }).allowed);
    expect(allowed[0] + allowed[1]).toBe(LIMIT);
    expect(
      await dbModule.getDb().rateLimitWindow.findMany({ where: { key: "processes" }, select: { count: true } }),
    ).toEqual([{ count: 40 }]);
  }, 30_000);
});

describe("taken in batches (the watch's checks)", () => {
  it("grants what is left of the window to a batch, nothing more until the next window, and says when that is", async () => {
    const key = `batch-${randomUUID()}`;
    const start = Date.UTC(2026, 11, 5, 14, 0, 0);
    const at = (ms: number) => new Date(start + ms);
    const take = (wanted: number, ms: number) => rateLimit.takeFromRateLimit(key, LIMIT, MINUTE, wanted, at(ms));
    expect(await take(6, 0)).toEqual({ granted: 6, retryAt: at(MINUTE) });
    expect(await take(6, 1_000)).toEqual({ granted: LIMIT - 6, retryAt: at(MINUTE) });
    expect(await take(3, 2_000)).toEqual({ granted: 0, retryAt: at(MINUTE) });
    expect(await rateLimit.consumeRateLimit(key, LIMIT, MINUTE, at(3_000))).toMatchObject({ allowed: false });
    expect(await take(3, MINUTE)).toEqual({ granted: 3, retryAt: at(2 * MINUTE) });
  });
});
