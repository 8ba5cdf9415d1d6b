import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";

import type { Caller, Person } from "@/lib/auth/person";

import { setUpIntegrationTests, testCaller } from "./setup";

// A save whose answer was lost (server killed after the commit, connection dropped) is retried by
// the form with the same idempotency key: the retry must get the stored credential back, not
// "name is taken", and never a second row.

const { database, clickUp } = await setUpIntegrationTests();
const [{ createCredential }, { removePerson }, dbModule] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/people/remove-person"),
  import("@/lib/db/client"),
]);
const db = dbModule.getDb();

const goodToken = () => `pk_good_${randomBytes(12).toString("hex")}`;
const credentialRows = () => database.queryRows('SELECT * FROM "Credential"');
const other: Person = { id: "idempotency-other", name: "Other", email: "other@example.test", role: "member" };
const otherCaller: Caller = { person: other, clientKey: "idempotency-tests" };

function submit(overrides: Record<string, unknown> = {}) {
  return { connector: "clickup", name: "Marketing", description: "Ads", apiKey: goodToken(), ...overrides };
}

beforeEach(async () => {
  await db.credentialEvent.deleteMany();
  await db.credential.deleteMany();
  await db.user.deleteMany({ where: { id: other.id } });
  await db.user.create({ data: { id: other.id, name: other.name, email: other.email, role: other.role } });
  clickUp.requests.length = 0;
});

describe("a save sent again with the same idempotency key", () => {
  it("answers with the credential the first one stored: one row, one Activity entry, no second ClickUp call", async () => {
    const input = submit({ idempotencyKey: randomUUID() });
    const first = await createCredential(testCaller, input);
    expect(first.ok).toBe(true);
    // The first answer is lost; the form sends the very same submit again.
    const retry = await createCredential(testCaller, input);

    expect(retry).toEqual(first);
    expect(await credentialRows()).toHaveLength(1);
    expect(await database.queryRows('SELECT * FROM "CredentialEvent"')).toHaveLength(1);
    expect(clickUp.requests).toHaveLength(1);
  });

  it("gives both of two racing submits of one key the same credential", async () => {
    const input = submit({ idempotencyKey: randomUUID() });
    const [a, b] = await Promise.all([createCredential(testCaller, input), createCredential(testCaller, input)]);
    expect(a).toMatchObject({ ok: true });
    expect(b).toEqual(a);
    expect(await credentialRows()).toHaveLength(1);
  });

  it("without a key (or with a new one) still says the name is taken", async () => {
    const input = submit();
    expect((await createCredential(testCaller, { ...input, idempotencyKey: randomUUID() })).ok).toBe(true);
    for (const retry of [input, { ...input, idempotencyKey: randomUUID() }])
      expect(await createCredential(testCaller, retry)).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors: { name: expect.stringMatching(/already exists/) },
      });
    expect(await credentialRows()).toHaveLength(1);
  });

  it.each([
    ["another name", { name: "Sales" }],
    ["another description", { description: "Other" }],
    ["another token", { apiKey: goodToken() }],
  ])("with %s is refused, naming the credential the key saved, and stores nothing", async (_, change) => {
    const input = submit({ idempotencyKey: randomUUID() });
    expect((await createCredential(testCaller, input)).ok).toBe(true);
    const reused = await createCredential(testCaller, { ...input, ...change });
    expect(reused).toEqual({
      ok: false,
      reason: "refused",
      message: expect.stringMatching(/already saved the credential "Marketing"/),
    });
    expect(JSON.stringify(reused)).not.toContain(input.apiKey.slice(8));
    expect(await credentialRows()).toHaveLength(1);
  });

  it("never finds another person's credential: their key is theirs alone", async () => {
    const idempotencyKey = randomUUID();
    const theirs = await createCredential(otherCaller, submit({ idempotencyKey }));
    expect(theirs.ok).toBe(true);
    const mine = await createCredential(testCaller, submit({ idempotencyKey }));
    expect(mine.ok).toBe(true);
    if (!theirs.ok || !mine.ok) return;
    expect(mine.data.id).not.toBe(theirs.data.id);
    expect(await credentialRows()).toHaveLength(2);
  });

  it("does not stop a person's credentials passing to the admin who removes them, even with a key the admin also used", async () => {
    const idempotencyKey = randomUUID();
    const theirs = await createCredential(otherCaller, submit({ name: "Theirs", idempotencyKey }));
    expect((await createCredential(testCaller, submit({ name: "Mine", idempotencyKey }))).ok).toBe(true);
    expect(await removePerson(testCaller, { id: other.id })).toMatchObject({ ok: true, data: { transferred: 1 } });
    const [moved] = await database.queryRows('SELECT * FROM "Credential" WHERE "name" = ?', "Theirs");
    expect(moved).toMatchObject({
      id: theirs.ok && theirs.data.id,
      ownerId: testCaller.person.id,
      idempotencyKey: null,
    });
  });

  it.each([
    ["not a UUID", "retry-1"],
    ["upper case", randomUUID().toUpperCase()],
    ["too long", `${randomUUID()}0`],
    ["a number", 42],
  ])("refuses a key that is %s, before asking ClickUp", async (_, idempotencyKey) => {
    expect(await createCredential(testCaller, submit({ idempotencyKey }))).toEqual({
      ok: false,
      reason: "malformed",
      message: expect.stringMatching(/not understood/),
    });
    expect(clickUp.requests).toEqual([]);
    expect(await credentialRows()).toHaveLength(0);
  });
});
