import { beforeEach, describe, expect, it, vi } from "vitest";

import { fieldErrorsOf } from "@/lib/action-result.browser-safe";
import type { Visitor } from "@/lib/auth/person";

import { setUpIntegrationTests } from "./setup";

// New passwords (first-run setup, invitations) are refused when a strength estimator (zxcvbn)
// finds them easy to guess, with the reason in the message on the Password field.
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
// About which passwords are accepted, not hashing: scrypt at tiny parameters.
vi.mock("node:crypto", async (original) => (await import("../support/cheap-scrypt")).withCheapScrypt(await original()));

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

await setUpIntegrationTests();
const [{ setUpAdmin }, { acceptInvitation }, { createInvitation }, dbModule] = await Promise.all([
  import("@/lib/people/set-up-admin"),
  import("@/lib/people/accept-invitation"),
  import("@/lib/people/create-invitation"),
  import("@/lib/db/client"),
]);
const db = dbModule.getDb();

const admin = { name: "Olive Admin", email: "olive@example.test" };
const mia = { name: "Mia Member", email: "mia.member@example.test" };

/** Each call from its own client address, so no test runs into the per-client limit. */
let clients = 0;
const visitor = (): Visitor => ({ clientKey: `198.51.100.${++clients % 250}`, fromLoopback: true });

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
});

async function invite(): Promise<string> {
  expect(await setUpAdmin(visitor(), { ...admin, password: "tangerine orbit velvet canyon" })).toMatchObject({
    ok: true,
  });
  jar.clear();
  const olive = await db.user.findUniqueOrThrow({ where: { email: admin.email } });
  const result = await createInvitation({
    person: { id: olive.id, name: olive.name, email: olive.email, role: "admin" },
    clientKey: "203.0.113.7",
  });
  if (!result.ok) throw new Error(result.message);
  return result.data.path.split("/").pop()!;
}

const TOO_EASY = /^This password is too easy to guess\. \S.*\S$/;

describe("first-run setup refuses guessable passwords, saying why", () => {
  it.each([
    ["password12345", /commonly used password/],
    ["Summer2026!!", /a common word \("Summer"\)/],
    ["Spring2025!!", /a common word \("Spring"\)/],
    ["qwertyuiop123", /commonly used password/],
    ["iloveyou2024!", /commonly used password/],
    ["Password1234", /commonly used password/],
    ["123456789012", /commonly used password/],
    ["Welcome2Company!", /a common password \("Welcome2"\)/],
    ["aaaaaaaaaaaaaaaa", /Repeated characters/],
    ["abcdefghijklmnop", /sequences like "abc"/],
    ["OliveAdmin2026!", /your name or email address/],
    ["olive@example.test!", /your name or email address/],
  ])("%s", async (password, reason) => {
    const result = await setUpAdmin(visitor(), { ...admin, password });
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { password: expect.stringMatching(TOO_EASY) },
    });
    expect(fieldErrorsOf(result).password).toMatch(reason);
    expect(await db.user.count()).toBe(0);
  });

  it("still explains the length rule first", async () => {
    expect(await setUpAdmin(visitor(), { ...admin, password: "Summer2026!" })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { password: expect.stringMatching(/at least 12 characters/) },
    });
  });
});

describe("accepting an invitation refuses guessable passwords, saying why", () => {
  it.each([
    ["MiaMember2026!", /your name or email address/],
    ["Autumn-2026!", /a common word \("Autumn"\)/],
    ["zxcvbnm12345", /commonly used password|keyboard/i],
  ])("%s", async (password, reason) => {
    const token = await invite();
    const result = await acceptInvitation(visitor(), { ...mia, password, token });
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { password: expect.stringMatching(TOO_EASY) },
    });
    expect(fieldErrorsOf(result).password).toMatch(reason);
    expect(await db.user.count()).toBe(1);
  });
});

describe("strong passwords are accepted", () => {
  it.each(["paper lantern drifts north", "mossy granite kettle hums", "k7#Pq9@xL2mZ"])(
    "at setup: %s",
    async (password) => {
      expect(await setUpAdmin(visitor(), { ...admin, password })).toMatchObject({ ok: true });
    },
  );

  it.each(["a long passphrase of mine", "mia's long passphrase", "Quiet rivers fold 7 maps"])(
    "with an invitation: %s",
    async (password) => {
      const token = await invite();
      expect(await acceptInvitation(visitor(), { ...mia, password, token })).toMatchObject({ ok: true });
    },
  );
});
