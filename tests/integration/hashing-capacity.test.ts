import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Visitor } from "@/lib/auth/person";

import { setUpIntegrationTests } from "./setup";

// Password hashing (scrypt, 32 MiB) is the expensive part of sign-in, setup and invitations. Here
// scrypt runs at tiny parameters, is counted, and can be held (standing in for slow hashes during
// a flood): these tests are about how many hashes run, not their cost.
const scryptCalls = vi.hoisted(() => ({ started: 0, held: [] as (() => void)[], holding: false }));
vi.mock("node:crypto", async (original) =>
  (await import("../support/cheap-scrypt")).withCheapScrypt(await original(), (run) => {
    scryptCalls.started += 1;
    if (scryptCalls.holding) scryptCalls.held.push(run);
    else run();
  }),
);

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  headers: async () => new Headers(jar.size ? [["cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; ")]] : []),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string, options?: { maxAge?: number }) =>
      options?.maxAge === 0 || value === "" ? jar.delete(name) : jar.set(name, value),
    delete: (name: string) => jar.delete(name),
  }),
}));

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// At most two hashes at once in this process.
await setUpIntegrationTests({ passwordHashesInFlight: 2 });
const [{ setUpAdmin }, { acceptInvitation }, { createInvitation }, { describeInvitation }, { signIn }, dbModule] =
  await Promise.all([
    import("@/lib/people/set-up-admin"),
    import("@/lib/people/accept-invitation"),
    import("@/lib/people/create-invitation"),
    import("@/lib/people/queries"),
    import("@/lib/auth/sign-in"),
    import("@/lib/db/client"),
  ]);
const db = dbModule.getDb();

const admin = { name: "Olive Admin", email: "olive@example.test", password: "tangerine orbit velvet canyon" };
const mia = { name: "Mia Member", email: "mia@example.test", password: "paper lantern drifts north" };
const BUSY = /^The server is busy\. Try again in a moment\.$/;

let strangers = 0;
/** A sign-in with a random email from a client of its own: what a flood is made of. */
const strangerSignIn = () =>
  signIn({ clientKey: `stranger-${++strangers}` }, { email: `nobody${strangers}@example.test`, password: "guess" });

/** Starts `attempts` without awaiting them; `settled` counts those that have answered. */
function inFlight<T>(attempts: Promise<T>[]) {
  const state = { settled: 0, all: Promise.all(attempts) };
  for (const attempt of attempts) void attempt.finally(() => (state.settled += 1));
  return state;
}

/** Waits until `count` hashes are held (running, as far as the app knows). */
const hashesHeld = (count: number) => vi.waitFor(() => expect(scryptCalls.held).toHaveLength(count), 30_000);

function releaseHeldHashes() {
  scryptCalls.holding = false;
  for (const run of scryptCalls.held.splice(0)) run();
}

beforeEach(async () => {
  releaseHeldHashes();
  await db.$transaction([
    db.invitation.deleteMany(),
    db.session.deleteMany(),
    db.account.deleteMany(),
    db.installation.deleteMany(),
    db.user.deleteMany(),
    db.rateLimitWindow.deleteMany(),
  ]);
  jar.clear();
});

async function setUpAndInvite(): Promise<string> {
  expect(await setUpAdmin({ clientKey: "admin", fromLoopback: true }, admin)).toMatchObject({ ok: true });
  jar.clear();
  const olive = await db.user.findUniqueOrThrow({ where: { email: admin.email } });
  const result = await createInvitation({
    person: { id: olive.id, name: olive.name, email: olive.email, role: "admin" },
    clientKey: "admin",
  });
  if (!result.ok) throw new Error(result.message);
  return result.data.path.split("/").pop()!;
}

describe("hashes in flight are capped per process", () => {
  it("answers sign-ins past the cap at once that the server is busy, instead of queueing them", async () => {
    const hashed = scryptCalls.started;
    scryptCalls.holding = true;
    const flood = inFlight(Array.from({ length: 6 }, strangerSignIn));
    await hashesHeld(2);
    // The four past the cap answer while the two hashes are still running.
    await vi.waitFor(() => expect(flood.settled).toBe(4), 30_000);
    expect(scryptCalls.held).toHaveLength(2);
    releaseHeldHashes();
    const results = await flood.all;
    const busy = { ok: false, reason: "server-busy", message: expect.stringMatching(BUSY) };
    const incorrect = { ok: false, reason: "unauthenticated", message: "Incorrect email or password." };
    expect(results.filter((result) => !result.ok && result.reason === "server-busy")).toEqual(Array(4).fill(busy));
    expect(results.filter((result) => !result.ok && result.reason === "unauthenticated")).toEqual(
      Array(2).fill(incorrect),
    );
    expect(scryptCalls.started).toBe(hashed + 2);
    // The four refused did no database work: only the two that hashed were counted.
    expect(await db.rateLimitWindow.count({ where: { key: { startsWith: "sign-in:client:" } } })).toBe(2);
  });

  it("keeps room for a known browser while strangers fill the cap", async () => {
    expect(await setUpAdmin({ clientKey: "admin", fromLoopback: true }, admin)).toMatchObject({ ok: true });
    const knownBrowser = new Map(jar);
    jar.clear();
    scryptCalls.holding = true;
    const flood = inFlight([strangerSignIn(), strangerSignIn()]);
    await hashesHeld(2);
    expect(await strangerSignIn()).toEqual({ ok: false, reason: "server-busy", message: expect.stringMatching(BUSY) });

    for (const [name, value] of knownBrowser) if (!name.endsWith("session_token")) jar.set(name, value);
    const person = signIn({ clientKey: "the-admin's-laptop" }, { email: admin.email, password: admin.password });
    await hashesHeld(3);
    releaseHeldHashes();
    expect(await person).toMatchObject({ ok: true });
    await flood.all;
  });

  it("answers setup and invitations busy too, creating nobody and keeping the link usable", async () => {
    scryptCalls.holding = true;
    let flood = inFlight([strangerSignIn(), strangerSignIn()]);
    await hashesHeld(2);
    expect(await setUpAdmin({ clientKey: "admin", fromLoopback: true }, admin)).toEqual({
      ok: false,
      reason: "server-busy",
      message: expect.stringMatching(BUSY),
    });
    expect(await db.user.count()).toBe(0);
    releaseHeldHashes();
    await flood.all;

    const token = await setUpAndInvite();
    scryptCalls.holding = true;
    flood = inFlight([strangerSignIn(), strangerSignIn()]);
    await hashesHeld(2);
    expect(await acceptInvitation({ clientKey: "mia" }, { ...mia, token })).toEqual({
      ok: false,
      reason: "server-busy",
      message: expect.stringMatching(BUSY),
    });
    releaseHeldHashes();
    await flood.all;
    expect(await describeInvitation(token)).toMatchObject({ valid: true });
    expect(await acceptInvitation({ clientKey: "mia" }, { ...mia, token })).toMatchObject({ ok: true });
  });
});

describe("the per-client limit is counted before any hashing", () => {
  const oneClient: Visitor = { clientKey: "one-client" };

  it("for sign-in", async () => {
    for (let attempt = 0; attempt < 30; attempt++)
      await signIn(oneClient, { email: `person${attempt}@example.test`, password: "some password" });
    const hashed = scryptCalls.started;
    expect(await signIn(oneClient, { email: "one-more@example.test", password: "some password" })).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: expect.stringMatching(/^Too many sign-in attempts/),
    });
    expect(scryptCalls.started).toBe(hashed);
  });

  it("for invitations, even with a valid link (a taken email hashes, then fails)", async () => {
    const token = await setUpAndInvite();
    const taken = { ...mia, email: admin.email, token };
    for (let attempt = 0; attempt < 30; attempt++)
      expect(await acceptInvitation(oneClient, taken)).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors: { email: expect.any(String) },
      });
    const hashed = scryptCalls.started;
    expect(await acceptInvitation(oneClient, { ...mia, token })).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: expect.stringMatching(/^Too many attempts/),
    });
    expect(scryptCalls.started).toBe(hashed);
    expect(await db.user.count()).toBe(1);
  });

  it("for setup (counted before the password is even checked)", async () => {
    const hashed = scryptCalls.started;
    for (let attempt = 0; attempt < 30; attempt++)
      await setUpAdmin(oneClient, { ...admin, password: `Summer20${attempt}!!` });
    expect(await setUpAdmin(oneClient, admin)).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: expect.stringMatching(/^Too many attempts/),
    });
    expect(scryptCalls.started).toBe(hashed);
    expect(await db.user.count()).toBe(0);
  });
});
