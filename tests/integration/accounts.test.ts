import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Caller, Person, Visitor } from "@/lib/auth/person";

import { setUpIntegrationTests } from "./setup";

// The people and sign-in commands (first-run setup, invitations, sign-in, removal) on a real database.
// They run inside a Next request in the app; here next/headers is a small stand-in: request
// headers, and a cookie jar that records what Better Auth sets.
const jar = new Map<string, string>();
const requestHeaders = new Headers({ "x-forwarded-for": "203.0.113.7" });
vi.mock("next/headers", () => ({
  headers: async () =>
    new Headers([
      ...requestHeaders,
      ...(jar.size ? [["cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; ")]] : []),
    ] as [string, string][]),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    has: (name: string) => jar.has(name),
    set: (name: string, value: string, options?: { maxAge?: number }) =>
      options?.maxAge === 0 || value === "" ? jar.delete(name) : jar.set(name, value),
    delete: (name: string) => jar.delete(name),
  }),
}));

// Password hashing is deliberately slow (scrypt, 32 MiB); on a busy machine a test hashes for seconds.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const { database } = await setUpIntegrationTests();
const [
  { setUpAdmin },
  { issueSetupCode },
  { acceptInvitation },
  { createInvitation },
  { revokeInvitation },
  { removePerson },
  { describeInvitation, listPendingInvitations },
  { PEOPLE_MESSAGES },
  { signIn, signOut },
  session,
  dbModule,
] = await Promise.all([
  import("@/lib/people/set-up-admin"),
  import("@/lib/people/setup-code"),
  import("@/lib/people/accept-invitation"),
  import("@/lib/people/create-invitation"),
  import("@/lib/people/revoke-invitation"),
  import("@/lib/people/remove-person"),
  import("@/lib/people/queries"),
  import("@/lib/people/messages"),
  import("@/lib/auth/sign-in"),
  import("@/lib/auth/session"),
  import("@/lib/db/client"),
]);
const db = dbModule.getDb();

const admin = { name: "Olive Admin", email: "Olive@Example.test", password: "a long passphrase of mine" };
/** Who the signed-out commands (setup, invitations) run for: the client address of the request. */
const visitor: Visitor = { clientKey: "203.0.113.7", fromLoopback: true };
const caller = (person: Person): Caller => ({ person, clientKey: "203.0.113.7" });

async function resetAccounts() {
  await db.$transaction([
    db.endpoint.deleteMany(),
    db.credentialShare.deleteMany(),
    db.credential.deleteMany(),
    db.invitation.deleteMany(),
    db.session.deleteMany(),
    db.account.deleteMany(),
    db.installation.deleteMany(),
    db.setupCode.deleteMany(),
    db.user.deleteMany(),
    db.rateLimitWindow.deleteMany(),
  ]);
  jar.clear();
}

beforeEach(resetAccounts);

const personFor = async (email: string): Promise<Person> => {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role === "admin" ? ("admin" as const) : ("member" as const),
  };
};

async function invite(): Promise<string> {
  const result = await createInvitation(caller(await personFor("olive@example.test")));
  if (!result.ok) throw new Error(result.message);
  return result.data.path.split("/").pop()!;
}

describe("first-run setup", () => {
  it.each([
    [{ ...admin, password: "short" }, "password", /at least 12 characters/],
    // Guessable passwords: tests/integration/password-strength.test.ts.
    [{ ...admin, password: "Password1234" }, "password", /too easy to guess/],
    [{ ...admin, email: "not an email" }, "email", /email address such as/],
    [{ ...admin, name: "Olive\u202eAdmin" }, "name", /invisible or control characters/],
    [{ ...admin, name: "   " }, "name", /Enter your name/],
  ])("refuses %j with a message on %s and stores nothing", async (input, field, message) => {
    const result = await setUpAdmin(visitor, input);
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { [field]: expect.stringMatching(message) },
    });
    expect(await db.user.count()).toBe(0);
    expect(jar.size).toBe(0);
  });

  it("creates the admin, hashes the password with scrypt, claims what was saved before, and signs in", async () => {
    await db.credential.create({
      data: {
        id: "orphan",
        connector: "clickup",
        name: "Old",
        nameKey: "old",
        secretCiphertext: "x",
        secretKeyId: "k",
        secretLast4: "abcd",
        accountId: "1",
        accountName: "A",
        accountEmail: "a@example.test",
        lastVerifiedAt: new Date(),
      },
    });
    expect(await setUpAdmin(visitor, admin)).toEqual({ ok: true, data: { name: admin.name, signedIn: true } });

    const user = await db.user.findUniqueOrThrow({ where: { email: "olive@example.test" } });
    expect(user).toMatchObject({ name: admin.name, role: "admin" });
    const account = await db.account.findFirstOrThrow({ where: { userId: user.id } });
    expect(account.password).toMatch(/^scrypt\$32768\$8\$3\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/]{86}==$/);
    expect((await database.databaseBytes()).includes(Buffer.from(admin.password))).toBe(false);
    expect((await db.credential.findUniqueOrThrow({ where: { id: "orphan" } })).ownerId).toBe(user.id);

    // Signed in: a session row, and its (signed) token in an httpOnly cookie.
    const [sessionRow] = await db.session.findMany({ where: { userId: user.id } });
    expect([...jar.values()].some((value) => value.startsWith(`${sessionRow.token}.`))).toBe(true);
    expect(await session.getSignedInPerson()).toMatchObject({
      id: user.id,
      role: "admin",
      email: "olive@example.test",
    });
  });

  it("happens once, even when several people submit the form at the same moment", async () => {
    const attempts = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        setUpAdmin(visitor, {
          name: `Admin ${index}`,
          email: `admin${index}@example.test`,
          password: "a long enough passphrase",
        }),
      ),
    );
    expect(attempts.filter((attempt) => attempt.ok)).toHaveLength(1);
    for (const refused of attempts.filter((attempt) => !attempt.ok))
      expect(refused).toMatchObject({ ok: false, reason: "conflict", message: /already has an admin/ });
    expect(await db.user.count()).toBe(1);
    expect(await setUpAdmin(visitor, { ...admin, email: "late@example.test" })).toMatchObject({
      ok: false,
      reason: "conflict",
      message: /already has an admin/,
    });
  });
});

describe("first-run setup from another machine (the setup code)", () => {
  const outsider: Visitor = { clientKey: "192.0.2.44", fromLoopback: false };
  const printedCode = async () => {
    const lines: string[] = [];
    await issueSetupCode((line) => lines.push(line));
    const code = /\b[0-9a-f]{32}\b/.exec(lines.join("\n"))?.[0];
    if (!code) throw new Error(`No setup code printed: ${lines.join("\n")}`);
    return code;
  };

  it("asks for the code, refuses a wrong one, and stores nothing either way", async () => {
    await printedCode();
    expect(await setUpAdmin(outsider, admin)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { setupCode: expect.stringMatching(/start-up log/) },
    });
    // Asked alongside the other fields' problems, so a person fixes everything at once.
    expect(await setUpAdmin(outsider, { ...admin, password: "short" })).toMatchObject({
      fieldErrors: { setupCode: expect.stringMatching(/start-up log/), password: expect.stringMatching(/at least 12/) },
    });
    expect(await setUpAdmin(outsider, { ...admin, setupCode: "0".repeat(32) })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { setupCode: expect.stringMatching(/not the setup code/) },
    });
    expect(await db.user.count()).toBe(0);
    expect(jar.size).toBe(0);
  });

  it("takes any printed code, as typed (spaces, capitals), stores only its hash, and forgets them all once the admin exists", async () => {
    const first = await printedCode();
    const second = await printedCode(); // a second instance's start
    const stored = JSON.stringify(await db.setupCode.findMany());
    expect(stored).not.toContain(first);
    expect(stored).not.toContain(second);
    expect(await setUpAdmin(outsider, { ...admin, setupCode: ` ${first.toUpperCase()} ` })).toMatchObject({ ok: true });
    expect(await db.setupCode.count()).toBe(0);
    // A later start with an admin prints nothing and keeps nothing.
    const lines: string[] = [];
    await issueSetupCode((line) => lines.push(line));
    expect(lines).toEqual([]);
    expect(await db.setupCode.count()).toBe(0);
  });

  it("limits guesses per client: after ten wrong codes even the right one waits", async () => {
    const code = await printedCode();
    for (let guess = 0; guess < 10; guess += 1)
      expect(await setUpAdmin(outsider, { ...admin, setupCode: `${guess}`.repeat(32) })).toMatchObject({
        reason: "invalid",
      });
    expect(await setUpAdmin(outsider, { ...admin, setupCode: code })).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: expect.stringMatching(/Too many wrong setup codes/),
      retryAt: expect.any(String),
    });
    // Another client still can.
    expect(await setUpAdmin({ ...outsider, clientKey: "192.0.2.45" }, { ...admin, setupCode: code })).toMatchObject({
      ok: true,
    });
  });

  it("from this machine needs no code", async () => {
    await printedCode();
    expect(await setUpAdmin(visitor, admin)).toMatchObject({ ok: true });
    expect(await db.setupCode.count()).toBe(0);
  });
});

describe("sign-in", () => {
  beforeEach(async () => {
    await setUpAdmin(visitor, admin);
    jar.clear();
  });

  it("gives one message for a wrong password and an unknown email, and signs in with the right one", async () => {
    expect(await signIn({ clientKey: "client-a" }, { email: admin.email, password: "wrong password!" })).toEqual({
      ok: false,
      reason: "unauthenticated",
      message: "Incorrect email or password.",
    });
    expect(await signIn({ clientKey: "client-a" }, { email: "nobody@example.test", password: admin.password })).toEqual(
      {
        ok: false,
        reason: "unauthenticated",
        message: "Incorrect email or password.",
      },
    );
    expect(jar.size).toBe(0);
    expect(
      await signIn({ clientKey: "client-a" }, { email: "  OLIVE@example.TEST ", password: admin.password }),
    ).toEqual({
      ok: true,
      data: { name: admin.name },
    });
    expect(await session.getSignedInPerson()).toMatchObject({ email: "olive@example.test" });
  });

  it("refuses malformed input without counting it as a guess at anyone's password", async () => {
    const counters = await db.rateLimitWindow.findMany();
    expect(await signIn({ clientKey: "client-a" }, { email: 42, password: ["x"] })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { email: expect.any(String) },
    });
    expect(await signIn({ clientKey: "client-a" }, { email: admin.email, password: "" })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { password: "Enter your password." },
    });
    // (Setup, in beforeEach, counted once against its client's allowance.)
    expect(await db.rateLimitWindow.findMany()).toEqual(counters);
  });

  it("marks the session and device cookies Secure (and __Secure- prefixed) when the request came over https", async () => {
    requestHeaders.set("x-forwarded-proto", "https");
    try {
      expect(await signIn({ clientKey: "client-a" }, { email: admin.email, password: admin.password })).toMatchObject({
        ok: true,
      });
      expect([...jar.keys()].sort()).toEqual([
        "__Secure-connector-credentials.known_browser",
        "__Secure-connector-credentials.session_token",
      ]);
      expect(await session.getSignedInPerson()).toMatchObject({ email: "olive@example.test" });
    } finally {
      requestHeaders.delete("x-forwarded-proto");
    }
    jar.clear();
    await signIn({ clientKey: "client-a" }, { email: admin.email, password: admin.password });
    expect([...jar.keys()].sort()).toEqual([
      "connector-credentials.known_browser",
      "connector-credentials.session_token",
    ]);
  });

  it("sign-out deletes the session row, so the cookie is worthless everywhere", async () => {
    await signIn({ clientKey: "client-a" }, { email: admin.email, password: admin.password });
    const cookies = new Map(jar);
    expect(await db.session.count()).toBe(2); // setup's and this one
    await signOut();
    expect(await db.session.count()).toBe(1);
    for (const [name, value] of cookies) jar.set(name, value);
    expect(await session.getSignedInPerson()).toBeNull();
  });
});

describe("invitations", () => {
  const mia = { name: "Mia Member", email: "mia@example.test", password: "mia's long passphrase" };
  beforeEach(async () => {
    await setUpAdmin(visitor, admin);
    jar.clear();
  });

  it("are made by the admin only, stored as a hash, and work once", async () => {
    const token = await invite();
    expect((await database.databaseBytes()).includes(Buffer.from(token))).toBe(false);
    expect(await describeInvitation(token)).toMatchObject({ valid: true, invitedBy: admin.name });

    // Accepted in a browser where the admin is signed in: that session ends, it does not linger.
    await signIn({ clientKey: "client-a" }, { email: admin.email, password: admin.password });
    const adminSession = (await session.getSignedInPerson())!;
    const adminSessions = await db.session.count({ where: { userId: adminSession.id } });
    expect(await acceptInvitation(visitor, { ...mia, token: token })).toEqual({
      ok: true,
      data: { name: mia.name, signedIn: true },
    });
    expect(await db.session.count({ where: { userId: adminSession.id } })).toBe(adminSessions - 1);
    expect(await session.getSignedInPerson()).toMatchObject({ email: mia.email, role: "member" });
    expect(await acceptInvitation(visitor, { ...mia, email: "again@example.test", token: token })).toMatchObject({
      ok: false,
      reason: "not-found",
      message: /not valid/,
    });
    expect(await db.user.count()).toBe(2);

    // A member cannot invite, list or revoke.
    const member = await personFor(mia.email);
    expect(await createInvitation(caller(member))).toEqual({
      ok: false,
      reason: "admin-only",
      message: PEOPLE_MESSAGES.adminOnly,
    });
    expect(await listPendingInvitations(member)).toEqual([]);
  });

  it("refuses expired, revoked, unknown and malformed links, and a taken email, storing nothing", async () => {
    const expired = await invite();
    await db.invitation.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await acceptInvitation(visitor, { ...mia, token: expired })).toMatchObject({
      ok: false,
      reason: "not-found",
      message: /expired/,
    });

    const revoked = await invite();
    const olive = await personFor("olive@example.test");
    const [pending] = await listPendingInvitations(olive);
    expect(await revokeInvitation(caller(olive), { id: pending.id })).toEqual({ ok: true, data: null });
    expect(await acceptInvitation(visitor, { ...mia, token: revoked })).toMatchObject({
      ok: false,
      reason: "not-found",
      message: /not valid/,
    });

    for (const bad of ["x".repeat(43), "../../etc", "", 12, null])
      expect(await acceptInvitation(visitor, { ...mia, token: bad })).toMatchObject({
        ok: false,
        reason: "not-found",
        message: /not valid/,
      });

    const fresh = await invite();
    expect(await acceptInvitation(visitor, { ...mia, email: admin.email, token: fresh })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { email: /can sign in here already/ },
    });
    expect(await db.user.count()).toBe(1);
    // The failed attempt did not use the link up.
    expect(await describeInvitation(fresh)).toMatchObject({ valid: true });
  });

  it("one link used by two people at once makes one account", async () => {
    const token = await invite();
    const results = await Promise.all([
      acceptInvitation(visitor, { ...mia, token: token }),
      acceptInvitation(visitor, { ...mia, name: "Max", email: "max@example.test", token: token }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await db.user.count()).toBe(2);
  });
});

describe("removing a person", () => {
  it("ends their sessions, hands their credentials and sources to the admin (renamed on a clash), and drops shares", async () => {
    await setUpAdmin(visitor, admin);
    const token = await invite();
    await acceptInvitation(visitor, {
      name: "Mia Member",
      email: "mia@example.test",
      password: "mia's long passphrase",
      token,
    });
    const olive = await personFor("olive@example.test");
    const member = await personFor("mia@example.test");
    const credential = (id: string, ownerId: string) => ({
      id,
      connector: "clickup",
      name: "Marketing",
      nameKey: "marketing",
      secretCiphertext: "x",
      secretKeyId: "k",
      secretLast4: "abcd",
      accountId: "1",
      accountName: "A",
      accountEmail: "a@example.test",
      lastVerifiedAt: new Date(),
      ownerId,
    });
    await db.user.create({ data: { id: "pat", name: "Pat", email: "pat@example.test", role: "member" } });
    await db.credential.create({ data: credential("olives", olive.id) });
    await db.credential.create({ data: credential("mias", member.id) });
    await db.credential.create({ data: credential("pats", "pat") });
    await db.credentialShare.create({ data: { credentialId: "olives", userId: member.id } });
    await db.credentialShare.create({ data: { credentialId: "pats", userId: member.id } });
    const endpoint = (id: string, credentialId: string) => ({
      id,
      kind: "source",
      connector: "clickup",
      name: id,
      nameKey: id,
      workspaceId: "9001",
      workspaceName: "W",
      credentialId,
      ownerId: member.id,
    });
    await db.endpoint.create({ data: endpoint("on-own", "mias") });
    await db.endpoint.create({ data: endpoint("on-olives", "olives") });
    await db.endpoint.create({ data: endpoint("on-pats", "pats") });
    expect(await db.session.count({ where: { userId: member.id } })).toBe(1);

    expect(await removePerson(caller(member), { id: olive.id })).toEqual({
      ok: false,
      reason: "admin-only",
      message: PEOPLE_MESSAGES.adminOnly,
    });
    expect(await removePerson(caller(olive), { id: olive.id })).toMatchObject({
      ok: false,
      reason: "refused",
      message: /cannot be removed/,
    });
    expect(await removePerson(caller(olive), { id: member.id })).toEqual({
      ok: true,
      data: { name: "Mia Member", transferred: 1, deletedEndpoints: 1 },
    });

    expect(await db.user.findUnique({ where: { id: member.id } })).toBeNull();
    expect(await db.session.count({ where: { userId: member.id } })).toBe(0);
    expect(await db.credentialShare.count()).toBe(0);
    expect(await db.credential.findUniqueOrThrow({ where: { id: "mias" } })).toMatchObject({
      ownerId: olive.id,
      name: "Marketing (from Mia Member)",
    });
    const events = await db.credentialEvent.findMany({ where: { credentialId: "mias" } });
    expect(events).toMatchObject([{ type: "owner_changed", actorName: admin.name }]);
    // Sources on her own and on the admin's credentials pass to the admin; the one on Pat's
    // credential (shared with Mia, not with the admin) is deleted, and Pat's Activity says so.
    expect((await db.endpoint.findMany({ orderBy: { id: "asc" } })).map((row) => [row.id, row.ownerId])).toEqual([
      ["on-olives", olive.id],
      ["on-own", olive.id],
    ]);
    expect(await db.credentialEvent.findMany({ where: { credentialId: "pats" } })).toMatchObject([
      { type: "unshared", detail: expect.stringMatching(/source "on-pats".*was deleted/) },
    ]);
  });
});
