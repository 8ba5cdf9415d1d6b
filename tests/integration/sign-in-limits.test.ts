import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Visitor } from "@/lib/auth/person";

import { setUpIntegrationTests } from "./setup";

// Sign-in limits: per email, per client address, and per known browser (device cookie). The
// commands run as in accounts.test.ts, with next/headers stood in by request headers and a cookie
// jar that records what the app sets.
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

// Hundreds of attempts: about counting, not hashing, so scrypt at tiny parameters.
vi.mock("node:crypto", async (original) => (await import("../support/cheap-scrypt")).withCheapScrypt(await original()));

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

await setUpIntegrationTests();
const [{ setUpAdmin }, { acceptInvitation }, { createInvitation }, { signIn }, session, dbModule] = await Promise.all([
  import("@/lib/people/set-up-admin"),
  import("@/lib/people/accept-invitation"),
  import("@/lib/people/create-invitation"),
  import("@/lib/auth/sign-in"),
  import("@/lib/auth/session"),
  import("@/lib/db/client"),
]);
const db = dbModule.getDb();

const admin = { name: "Olive Admin", email: "Olive@Example.test", password: "a long passphrase of mine" };
const visitor: Visitor = { clientKey: "203.0.113.7", fromLoopback: true };

async function invite(): Promise<string> {
  const olive = await db.user.findUniqueOrThrow({ where: { email: "olive@example.test" } });
  const result = await createInvitation({
    person: { id: olive.id, name: olive.name, email: olive.email, role: "admin" },
    clientKey: "203.0.113.7",
  });
  if (!result.ok) throw new Error(result.message);
  return result.data.path.split("/").pop()!;
}

beforeEach(async () => {
  await db.$transaction([
    db.invitation.deleteMany(),
    db.session.deleteMany(),
    db.account.deleteMany(),
    db.installation.deleteMany(),
    db.user.deleteMany(),
    db.rateLimitWindow.deleteMany(),
  ]);
  jar.clear();
  await setUpAdmin(visitor, admin);
  jar.clear();
});

describe("sign-in limits", () => {
  it("limits attempts per account from one client: the 11th in 15 minutes is refused even with the right password", async () => {
    for (let attempt = 0; attempt < 10; attempt++)
      await signIn({ clientKey: "guesser" }, { email: admin.email, password: `guess ${attempt} wrong` });
    const refused = await signIn({ clientKey: "guesser" }, { email: admin.email, password: admin.password });
    expect(refused).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: /Too many sign-in attempts\. For your security, try again in \d+ minutes?\./,
    });
    expect(jar.size).toBe(0);
    // Ten guesses from one place do not lock the admin out everywhere.
    expect(
      await signIn({ clientKey: "the-admin's-laptop" }, { email: admin.email, password: admin.password }),
    ).toMatchObject({ ok: true });
  });

  it("limits attempts per account across clients too, at a looser 50", async () => {
    for (let attempt = 0; attempt < 50; attempt++)
      await signIn({ clientKey: `client-${attempt}` }, { email: admin.email, password: `guess ${attempt} wrong` });
    expect(await signIn({ clientKey: "client-new" }, { email: admin.email, password: admin.password })).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: /Too many sign-in attempts/,
    });
  });

  it("limits attempts per client address across accounts", async () => {
    for (let attempt = 0; attempt < 30; attempt++)
      await signIn({ clientKey: "one-client" }, { email: `person${attempt}@example.test`, password: "some password" });
    expect(await signIn({ clientKey: "one-client" }, { email: admin.email, password: admin.password })).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: /Too many sign-in attempts/,
    });
    expect(
      await signIn({ clientKey: "another-client" }, { email: admin.email, password: admin.password }),
    ).toMatchObject({
      ok: true,
    });
  });

  /** Signs someone in from `clientKey` in a fresh browser; returns its cookies other than the session's. */
  async function knownBrowserCookies(clientKey: string, who = admin): Promise<Map<string, string>> {
    jar.clear();
    expect(await signIn({ clientKey }, { email: who.email, password: who.password })).toMatchObject({ ok: true });
    const kept = new Map([...jar].filter(([name]) => !name.endsWith("session_token")));
    jar.clear();
    return kept;
  }

  /** Makes the next sign-in come from a browser holding exactly these cookies. */
  function browserWith(cookies: Map<string, string>) {
    jar.clear();
    for (const [name, value] of cookies) jar.set(name, value);
  }

  it("lets the person in from a browser they signed in with before, after others used up the per-email limit", async () => {
    const known = await knownBrowserCookies("the-admin's-laptop");
    for (let attempt = 0; attempt < 50; attempt++)
      await signIn({ clientKey: `attacker-${attempt}` }, { email: admin.email, password: `guess ${attempt} wrong` });

    // An unknown browser, even from the admin's usual address, is held by the per-email limit…
    browserWith(new Map());
    expect(
      await signIn({ clientKey: "the-admin's-laptop" }, { email: admin.email, password: admin.password }),
    ).toMatchObject({ ok: false, reason: "rate-limited", message: /Too many sign-in attempts/ });
    // …the known one is not: its attempts are counted for it alone.
    browserWith(known);
    expect(
      await signIn({ clientKey: "the-admin's-laptop" }, { email: admin.email, password: admin.password }),
    ).toMatchObject({ ok: true });
    expect(await session.getSignedInPerson()).toMatchObject({ email: "olive@example.test" });
  });

  it("does not hold a known browser to the limits of others at its client address, only to its own", async () => {
    const known = await knownBrowserCookies("office");
    // Someone at the same office address (one NAT) uses up the per-client limit on other emails.
    for (let attempt = 0; attempt < 30; attempt++)
      await signIn({ clientKey: "office" }, { email: `person${attempt}@example.test`, password: "some password" });
    browserWith(known);
    expect(await signIn({ clientKey: "office" }, { email: admin.email, password: admin.password })).toMatchObject({
      ok: true,
    });

    // Guessing from the known browser itself (a stolen laptop) is limited per device cookie.
    browserWith(known);
    for (let attempt = 0; attempt < 10; attempt++)
      await signIn({ clientKey: `anywhere-${attempt}` }, { email: admin.email, password: `guess ${attempt} wrong` });
    browserWith(known);
    expect(await signIn({ clientKey: "elsewhere" }, { email: admin.email, password: admin.password })).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: /Too many sign-in attempts/,
    });
  });

  it("gives nothing for a forged device cookie, or for another person's", async () => {
    const token = await invite();
    const mia = { name: "Mia Member", email: "mia@example.test", password: "mia's long passphrase" };
    await acceptInvitation(visitor, { ...mia, token });
    const miasBrowser = await knownBrowserCookies("mia's laptop", mia);
    const known = await knownBrowserCookies("the-admin's-laptop");
    for (let attempt = 0; attempt < 50; attempt++)
      await signIn({ clientKey: `attacker-${attempt}` }, { email: admin.email, password: `guess ${attempt} wrong` });

    const [[name, value]] = [...known];
    const forged = new Map([[name, `${value.slice(0, -2)}${value.endsWith("AA") ? "BB" : "AA"}`]]);
    for (const cookies of [forged, miasBrowser]) {
      expect(cookies.size).toBe(1);
      browserWith(cookies);
      expect(
        await signIn({ clientKey: "the-admin's-laptop" }, { email: admin.email, password: admin.password }),
      ).toMatchObject({ ok: false, reason: "rate-limited", message: /Too many sign-in attempts/ });
    }
  });

  it("keeps counting across other limits' clean-up: token checks do not reset sign-in counters", async () => {
    const { consumeRateLimit } = await import("@/lib/security/rate-limit");
    const windowStart = new Date(Math.floor(Date.now() / 900_000) * 900_000);
    const twelveMinutesIn = new Date(windowStart.getTime() + 12 * 60_000);
    for (let attempt = 0; attempt < 10; attempt++)
      await consumeRateLimit("sign-in:account:x@example.test", 10, 900_000, windowStart);
    // A token check (one-minute windows) cleans up old windows as it counts.
    await consumeRateLimit("token-check:203.0.113.9", 10, 60_000, twelveMinutesIn);
    expect(await consumeRateLimit("sign-in:account:x@example.test", 10, 900_000, twelveMinutesIn)).toMatchObject({
      allowed: false,
    });
  });
});
