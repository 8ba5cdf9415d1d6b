import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Caller, Person } from "@/lib/auth/person";

import { setUpIntegrationTests, testCaller } from "./setup";

// Personal API keys (lib/api-keys/): created once, stored only as a hash, resolved from a Bearer
// header to the same Caller the pages use, revoked, expired, and gone with their person.

// The first save of a file loads the app and warms the database: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
const { database } = await setUpIntegrationTests();
const [
  { createApiKey },
  { revokeApiKey },
  { deleteApiKey },
  { resolveApiKey },
  { listApiKeys },
  { createCredential },
  { removePerson },
] = await Promise.all([
  import("@/lib/api-keys/create-api-key"),
  import("@/lib/api-keys/revoke-api-key"),
  import("@/lib/api-keys/delete-api-key"),
  import("@/lib/api-keys/resolve-api-key"),
  import("@/lib/api-keys/queries"),
  import("@/lib/credentials/create-credential"),
  import("@/lib/people/remove-person"),
]);

const mia: Person = { id: "mia", name: "Mia", email: "mia@example.test", role: "member" };
const max: Person = { id: "max", name: "Max", email: "max@example.test", role: "member" };
const caller = (person: Person): Caller => ({ person, clientKey: "api-key-tests" });

async function newKey(person: Person, input: unknown = { name: "deploy bot" }) {
  const result = await createApiKey(caller(person), input);
  if (!result.ok) throw new Error(result.message);
  return result.data;
}

beforeEach(async () => {
  await database.execute('DELETE FROM "ApiKey"');
  await database.execute('DELETE FROM "CredentialEvent"');
  await database.execute('DELETE FROM "Credential"');
  await database.execute('DELETE FROM "User" WHERE id <> ?', testCaller.person.id);
  const now = new Date().toISOString();
  for (const person of [mia, max])
    await database.execute(
      'INSERT INTO "User" (id, name, email, role, "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)',
      person.id,
      person.name,
      person.email,
      person.role,
      now,
      now,
    );
});

describe("creating an API key", () => {
  it("returns a recognisable, high-entropy key once and stores only its hash and prefix", async () => {
    const { key, apiKey } = await newKey(mia);
    expect(key).toMatch(/^cuk_[A-Za-z0-9_-]{43}$/);
    expect(apiKey.prefix).toBe(key.slice(0, 12));
    expect(apiKey).not.toHaveProperty("keyHash");
    const rows = await database.queryRows('SELECT * FROM "ApiKey"');
    expect(rows).toHaveLength(1);
    // Not the key, nor any long piece of it, in any column.
    expect(JSON.stringify(rows)).not.toContain(key.slice(4, 24));
    expect(rows[0].keyHash).toMatch(/^[0-9a-f]{64}$/);
    const second = await newKey(mia);
    expect(second.key).not.toBe(key);
  });

  it("refuses a missing name and an absurd expiry with field errors, storing nothing", async () => {
    const blank = await createApiKey(caller(mia), { name: "  " });
    expect(blank).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { name: "Give the API key a name." } });
    const far = await createApiKey(caller(mia), { name: "x", expiresInDays: 100_000 });
    expect(far).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { expiresInDays: expect.any(String) } });
    expect(await database.queryRows('SELECT id FROM "ApiKey"')).toHaveLength(0);
  });

  it("lists only the person's own keys, without hash or key", async () => {
    await newKey(mia, { name: "mine", expiresInDays: 30 });
    await newKey(max, { name: "theirs" });
    const listed = await listApiKeys(mia);
    expect(listed.map((row) => row.name)).toEqual(["mine"]);
    expect(Object.keys(listed[0]).sort()).toEqual(
      ["createdAt", "expiresAt", "id", "lastUsedAt", "name", "prefix", "revokedAt"].sort(),
    );
    expect(new Date(listed[0].expiresAt!).getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    // The admin sees only their own keys too: a key is personal.
    expect(await listApiKeys(testCaller.person)).toEqual([]);
  });
});

describe("the cap on keys", () => {
  const expire = (id: string) =>
    database.execute('UPDATE "ApiKey" SET "expiresAt" = ? WHERE id = ?', new Date(Date.now() - 1000).toISOString(), id);
  const names = async (person: Person) => (await listApiKeys(person)).map((key) => key.name);

  it("counts only live keys: a revoked or expired one makes room for a new one", async () => {
    const made = [];
    for (let i = 0; i < 50; i++) made.push((await newKey(mia, { name: `key ${i}` })).apiKey);
    expect(await createApiKey(caller(mia), { name: "one more" })).toEqual({
      ok: false,
      reason: "refused",
      message: expect.stringMatching(/50 API keys .*Revoke one/),
    });
    expect(await revokeApiKey(caller(mia), { id: made[0].id })).toEqual({ ok: true, data: null });
    expect((await createApiKey(caller(mia), { name: "after revoking" })).ok).toBe(true);
    await expire(made[1].id);
    expect((await createApiKey(caller(mia), { name: "after expiry" })).ok).toBe(true);
    expect(await createApiKey(caller(mia), { name: "too many again" })).toMatchObject({ ok: false, reason: "refused" });
    // Someone else's keys count for them alone.
    expect((await createApiKey(caller(max), { name: "Max's" })).ok).toBe(true);
  });

  it("still bounds what a person keeps, revoked and expired keys included, and says to delete some", async () => {
    const past = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 200; i++)
      await database.execute(
        'INSERT INTO "ApiKey" (id, "userId", name, prefix, "keyHash", "createdAt", "revokedAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
        `old-${i}`,
        mia.id,
        `old ${i}`,
        "cuk_old",
        randomBytes(32).toString("hex"),
        past,
        past,
      );
    expect(await createApiKey(caller(mia), { name: "new" })).toEqual({
      ok: false,
      reason: "refused",
      message: expect.stringMatching(/200 API keys.*revoked and expired.*Delete/),
    });
    expect(await deleteApiKey(caller(mia), { id: "old-0" })).toEqual({ ok: true, data: null });
    expect((await createApiKey(caller(mia), { name: "new" })).ok).toBe(true);
    expect(await names(mia)).not.toContain("old 0");
  });
});

describe("deleting a key", () => {
  it("deletes a revoked or an expired key of the caller's own, and nothing else", async () => {
    const revoked = (await newKey(mia, { name: "revoked" })).apiKey;
    const expired = (await newKey(mia, { name: "expired" })).apiKey;
    const live = await newKey(mia, { name: "live" });
    await revokeApiKey(caller(mia), { id: revoked.id });
    await database.execute(
      'UPDATE "ApiKey" SET "expiresAt" = ? WHERE id = ?',
      new Date(Date.now() - 1000).toISOString(),
      expired.id,
    );

    // A live key is revoked first: deleting it outright would hide what a failing script used.
    expect(await deleteApiKey(caller(mia), { id: live.apiKey.id })).toEqual({
      ok: false,
      reason: "refused",
      message: expect.stringMatching(/Revoke it first/),
    });
    expect(await resolveApiKey(`Bearer ${live.key}`, "c")).not.toBeNull();
    // Someone else's key, even the admin's attempt, is not found; so is an unknown or malformed id.
    for (const [who, id] of [
      [max, revoked.id],
      [testCaller.person, revoked.id],
      [mia, "no-such-key"],
      [mia, 42],
    ] as const)
      expect(await deleteApiKey(caller(who), { id })).toMatchObject({ ok: false, reason: "not-found" });

    expect(await deleteApiKey(caller(mia), { id: revoked.id })).toEqual({ ok: true, data: null });
    expect(await deleteApiKey(caller(mia), { id: expired.id })).toEqual({ ok: true, data: null });
    expect(await listApiKeys(mia)).toMatchObject([{ name: "live" }]);
    expect(await deleteApiKey(caller(mia), { id: revoked.id })).toMatchObject({ ok: false, reason: "not-found" });
  });
});

describe("resolving a Bearer key", () => {
  it("gives the key's person with their own role, and records when it was last used", async () => {
    const { key, apiKey } = await newKey(mia);
    const resolved = await resolveApiKey(`Bearer ${key}`, "client-1");
    expect(resolved).toEqual({ person: mia, clientKey: "client-1", apiKey: { id: apiKey.id, name: "deploy bot" } });
    const [row] = await database.queryRows('SELECT "lastUsedAt" FROM "ApiKey"');
    expect(row.lastUsedAt).not.toBeNull();
  });

  it("refuses missing, malformed, unknown and non-Bearer keys alike", async () => {
    const { key } = await newKey(mia);
    const unknown = `cuk_${randomBytes(32).toString("base64url")}`;
    for (const header of [null, "", key, `Basic ${key}`, `Bearer ${unknown}`, `Bearer ${key}x`, `Bearer  ${key} extra`])
      expect(await resolveApiKey(header, "c")).toBeNull();
  });

  it("refuses a revoked key; revoking someone else's key changes nothing", async () => {
    const { key, apiKey } = await newKey(mia);
    expect(await revokeApiKey(caller(max), { id: apiKey.id })).toMatchObject({ ok: false, reason: "not-found" });
    expect(await revokeApiKey(caller(testCaller.person), { id: apiKey.id })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect(await resolveApiKey(`Bearer ${key}`, "c")).not.toBeNull();
    expect(await revokeApiKey(caller(mia), { id: apiKey.id })).toEqual({ ok: true, data: null });
    expect(await resolveApiKey(`Bearer ${key}`, "c")).toBeNull();
    expect((await listApiKeys(mia))[0].revokedAt).not.toBeNull();
  });

  it("refuses an expired key", async () => {
    const { key, apiKey } = await newKey(mia, { name: "short", expiresInDays: 1 });
    expect(await resolveApiKey(`Bearer ${key}`, "c")).not.toBeNull();
    await database.execute(
      'UPDATE "ApiKey" SET "expiresAt" = ? WHERE id = ?',
      new Date(Date.now() - 1000).toISOString(),
      apiKey.id,
    );
    expect(await resolveApiKey(`Bearer ${key}`, "c")).toBeNull();
  });

  it("stops working once its person is removed", async () => {
    const { key } = await newKey(mia);
    expect(await removePerson(testCaller, { id: mia.id })).toMatchObject({ ok: true });
    expect(await resolveApiKey(`Bearer ${key}`, "c")).toBeNull();
    expect(await database.queryRows('SELECT id FROM "ApiKey"')).toHaveLength(0);
  });
});

describe("Activity of a change made with an API key", () => {
  it("says by whom and through which key", async () => {
    const { key } = await newKey(mia, { name: "terraform" });
    const apiCaller = (await resolveApiKey(`Bearer ${key}`, "c"))!;
    const saved = await createCredential(apiCaller, {
      connector: "clickup",
      name: "From a script",
      apiKey: `pk_good_${randomBytes(8).toString("hex")}`,
    });
    expect(saved.ok).toBe(true);
    const events = await database.queryRows('SELECT "actorName" FROM "CredentialEvent"');
    expect(events).toEqual([{ actorName: "Mia via API key terraform" }]);
  });
});
