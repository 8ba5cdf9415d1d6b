import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { CLICKUP_MESSAGES } from "@/lib/connectors/clickup/responses";
import { NEEDS_REENTRY_REASON } from "@/lib/credentials/public-credential";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { openSecret } from "@/lib/crypto/secret-box";

import { setUpIntegrationTests, TEST_ADMIN, testCaller } from "./setup";

const { database, clickUp, keyRingText } = await setUpIntegrationTests();
const [
  { createCredential },
  { verifyCredential },
  { editCredential },
  { replaceCredentialToken },
  { deleteCredential },
  { getCredential, listCredentialEvents, searchCredentials },
  { createEndpoint },
  { listWorkspacesForCredential },
  dbModule,
] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/verify-credential"),
  import("@/lib/credentials/edit-credential"),
  import("@/lib/credentials/replace-credential-token"),
  import("@/lib/credentials/delete-credential"),
  import("@/lib/credentials/queries"),
  import("@/lib/endpoints/create-endpoint"),
  import("@/lib/endpoints/list-workspaces"),
  import("@/lib/db/client"),
]);

const secretPart = () => randomBytes(12).toString("hex");
const goodToken = () => `pk_good_${secretPart()}`;
const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
const rawRow = async (id: string) => (await database.queryRows('SELECT * FROM "Credential" WHERE "id" = ?', id))[0];
const find = (id: string) => getCredential(TEST_ADMIN, id, { connector: "clickup" });
const events = (id: string) => listCredentialEvents(id);
const eventTypes = async (id: string) => (await events(id)).map((event) => event.type);
const userCall = (token: string) => ({ path: "/api/v2/user", authorization: token });
const STALE = { ok: false, reason: "stale", message: expect.stringContaining("changed elsewhere") };
const ADA = "Ada Lovelace (ada@example.test)";

/** A ClickUp credential made through the real service (its token really sealed); requests cleared. */
async function addCredential(name = "Main", token = goodToken()) {
  const created = await createCredential(testCaller, { connector: "clickup", name, description: "Ads", apiKey: token });
  if (!created.ok) throw new Error(`could not create credential: ${created.message}`);
  clickUp.requests.length = 0;
  await pause(); // so later timestamps differ from the creation's
  return { ...created.data, token };
}

beforeEach(async () => {
  const db = dbModule.getDb();
  await db.$transaction([db.endpoint.deleteMany(), db.credential.deleteMany(), db.credentialEvent.deleteMany()]);
  clickUp.requests.length = 0;
  clickUp.revokedTokens.clear();
  clickUp.failingTokens.clear();
});

describe("verifyCredential", () => {
  it("records a confirmed token: new verified and checked times, health ok, a 'verified' event", async () => {
    const credential = await addCredential();
    const result = await verifyCredential(testCaller, { id: credential.id });
    expect(result).toMatchObject({ ok: true, data: { id: credential.id, health: { state: "ok", reason: "" } } });
    if (!result.ok) return;
    expect(Date.parse(result.data.lastVerifiedAt)).toBeGreaterThan(Date.parse(credential.lastVerifiedAt));
    expect(result.data.health.checkedAt).toBe(result.data.lastVerifiedAt);
    expect(clickUp.requests).toEqual([userCall(credential.token)]);
    expect(await eventTypes(credential.id)).toEqual(["verified", "created"]);
  });

  it.each([
    [
      "rejects the revoked token, it needs attention with that reason",
      "revokedTokens",
      "clickup-rejected",
      CLICKUP_MESSAGES.rejected,
      "needs-attention",
    ],
    ["answers 500, its health stays ok", "failingTokens", "clickup-unavailable", CLICKUP_MESSAGES.unavailable, "ok"],
  ] as const)("when ClickUp %s; the Activity says so once", async (_case, fakeSet, reason, message, state) => {
    const credential = await addCredential();
    clickUp[fakeSet].add(credential.token);
    expect(await verifyCredential(testCaller, { id: credential.id })).toEqual({ ok: false, reason, message });
    const health = { state, reason: state === "ok" ? "" : message };
    expect(await find(credential.id)).toMatchObject({ lastVerifiedAt: credential.lastVerifiedAt, health });
    // A refusal changes the state: one entry says so, with ClickUp's reason; a 500 changes nothing
    // and shows as the person's failed check.
    expect((await events(credential.id))[0]).toMatchObject(
      state === "ok"
        ? { type: "verify_failed", detail: message }
        : { type: "state_changed", detail: `ClickUp stopped accepting this token: ${message}` },
    );
    expect(clickUp.requests).toEqual([userCall(credential.token)]);
  });

  it("asks for the token again when its stored ciphertext was altered, without calling ClickUp", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const credential = await addCredential();
    const parts = String((await rawRow(credential.id))?.secretCiphertext).split(".");
    parts[3] = (parts[3].startsWith("A") ? "B" : "A") + parts[3].slice(1);
    await database.execute(
      `UPDATE "Credential" SET "secretCiphertext" = ? WHERE "id" = ?`,
      parts.join("."),
      credential.id,
    );
    expect(await verifyCredential(testCaller, { id: credential.id })).toEqual({
      ok: false,
      reason: "credential-unusable",
      message: expect.stringMatching(/can no longer be decrypted/),
    });
    expect((await find(credential.id))?.health).toMatchObject({ state: "needs-reentry", reason: NEEDS_REENTRY_REASON });
    expect(await eventTypes(credential.id)).toEqual(["state_changed", "created"]);
    expect(clickUp.requests).toEqual([]);
  });

  it("lists and finds a credential whose key left the key ring as needing re-entry, without any call", async () => {
    const credential = await addCredential();
    await database.execute(`UPDATE "Credential" SET "secretKeyId" = 'retired-key' WHERE "id" = ?`, credential.id);
    const needsReentry = { id: credential.id, health: { state: "needs-reentry", reason: NEEDS_REENTRY_REASON } };
    expect(await searchCredentials(TEST_ADMIN, { connector: "clickup" })).toMatchObject([needsReentry]);
    expect(await find(credential.id)).toMatchObject(needsReentry);
    expect(clickUp.requests).toEqual([]);
  });
});

describe("editCredential", () => {
  it("changes name and description, bumps the version and records an 'edited' event naming the change", async () => {
    const credential = await addCredential("Main");
    const result = await editCredential(testCaller, {
      id: credential.id,
      version: credential.version,
      name: " Marketing ",
      description: "Paid ads",
    });
    expect(result).toMatchObject({
      ok: true,
      data: { name: "Marketing", description: "Paid ads", version: credential.version + 1 },
    });
    expect(await rawRow(credential.id)).toMatchObject({
      name: "Marketing",
      nameKey: "marketing",
      description: "Paid ads",
    });
    expect((await events(credential.id))[0]).toMatchObject({
      type: "edited",
      detail: 'Changed name "Main" → "Marketing" and description.',
    });
  });

  it("sets the calls per minute of the credential's rate budget, from 1 to 10000, and keeps it when not sent", async () => {
    const { id, version } = await addCredential();
    const { description } = (await find(id))!;
    expect(await find(id)).toMatchObject({ callsPerMinute: 100 });
    const result = await editCredential(testCaller, {
      id,
      version,
      name: "Main",
      description,
      callsPerMinute: 1000,
    });
    expect(result).toMatchObject({ ok: true, data: { callsPerMinute: 1000, version: version + 1 } });
    expect(await rawRow(id)).toMatchObject({ callsPerMinute: 1000 });
    expect((await events(id))[0]).toMatchObject({ type: "edited", detail: "Changed calls per minute 100 → 1000." });
    for (const callsPerMinute of [0, 10_001, 2.5, "100"]) {
      const refused = await editCredential(testCaller, {
        id,
        version: version + 1,
        name: "Main",
        description,
        callsPerMinute,
      });
      expect(refused).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors: { callsPerMinute: "Enter a whole number of calls from 1 to 10000." },
      });
    }
    const renamed = await editCredential(testCaller, { id, version: version + 1, name: "Renamed", description });
    expect(renamed).toMatchObject({ ok: true, data: { name: "Renamed", callsPerMinute: 1000 } });
  });

  it("refuses the second of two edits made from the same version, keeping the first's values", async () => {
    const { id, version } = await addCredential();
    expect((await editCredential(testCaller, { id, version, name: "First", description: "one" })).ok).toBe(true);
    expect(await editCredential(testCaller, { id, version, name: "Second", description: "two" })).toEqual(STALE);
    expect(await find(id)).toMatchObject({ name: "First", description: "one", version: version + 1 });
    expect(await eventTypes(id)).toEqual(["edited", "created"]);
  });

  it("refuses the name of another credential, ignoring case, as a field error", async () => {
    await addCredential("Main");
    const other = await addCredential("Other");
    const result = await editCredential(testCaller, {
      id: other.id,
      version: other.version,
      name: "mAIN",
      description: "",
    });
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: expect.stringMatching(/named "mAIN" already exists/) },
    });
    expect(await find(other.id)).toMatchObject({ name: "Other", description: "Ads", version: other.version });
  });

  it.each([
    [
      "an empty name",
      { name: "  ", description: "x" },
      { reason: "invalid", fieldErrors: { name: "Give the credential a name." } },
    ],
    [
      "a 501-character description",
      { name: "New", description: "d".repeat(501) },
      { reason: "invalid", fieldErrors: { description: expect.stringMatching(/500 characters/) } },
    ],
    [
      "a missing version",
      { name: "New", description: "x", version: undefined },
      { reason: "invalid", message: expect.stringMatching(/reload the page/) },
    ],
  ])("refuses %s and changes nothing", async (_case, change, expected) => {
    const credential = await addCredential();
    const before = await rawRow(credential.id);
    const result = await editCredential(testCaller, {
      id: credential.id,
      version: credential.version,
      ...change,
    });
    expect(result).toMatchObject({ ok: false, ...expected });
    expect(await rawRow(credential.id)).toEqual(before);
    expect(await eventTypes(credential.id)).toEqual(["created"]);
  });
});

describe("replaceCredentialToken", () => {
  const replace = (credential: { id: string; version: number }, apiKey: string, more: Record<string, unknown> = {}) =>
    replaceCredentialToken(testCaller, { id: credential.id, version: credential.version, apiKey, ...more });

  it("replaces the token with another of the same account, sealed for this credential", async () => {
    const credential = await addCredential();
    const token = goodToken();
    const result = await replace(credential, token);
    expect(result).toMatchObject({
      ok: true,
      data: { tokenLast4: token.slice(-4), version: credential.version + 1, account: { id: "1001" } },
    });
    const row = await rawRow(credential.id);
    expect(row?.secretLast4).toBe(token.slice(-4));
    const sealed = { keyId: String(row?.secretKeyId), ciphertext: String(row?.secretCiphertext) };
    expect(openSecret(parseKeyRing(keyRingText, "test"), sealed, `credential:${credential.id}`)).toBe(token);
    expect(clickUp.requests).toEqual([userCall(token)]);
    const detail = `Token ending …${credential.token.slice(-4)} replaced by one ending …${token.slice(-4)}; same account, ${ADA}.`;
    expect((await events(credential.id))[0]).toMatchObject({ type: "token_replaced", detail });
  });

  it.each([
    [
      "a token ClickUp rejects",
      `pk_revoked_${secretPart()}`,
      { reason: "clickup-rejected", message: CLICKUP_MESSAGES.rejected },
      1,
    ],
    [
      "a Bearer-prefixed token",
      `Bearer ${goodToken()}`,
      { reason: "invalid", fieldErrors: { apiKey: expect.stringMatching(/Remove the "Bearer" prefix/) } },
      0,
    ],
  ])("refuses %s, keeping the old ciphertext byte for byte", async (_case, token, expected, calls) => {
    const credential = await addCredential();
    const before = await rawRow(credential.id);
    expect(await replace(credential, token)).toMatchObject({ ok: false, ...expected });
    expect(await rawRow(credential.id)).toEqual(before);
    expect(clickUp.requests).toHaveLength(calls);
    expect(await eventTypes(credential.id)).toEqual(["created"]);
  });

  it("asks before switching to another account's token, and switches once that is confirmed", async () => {
    const credential = await addCredential("Shared");
    const before = await rawRow(credential.id);
    const token = `pk_other_${secretPart()}`;
    const message = expect.stringMatching(/different ClickUp account.*"Shared" would switch/);
    expect(await replace(credential, token)).toEqual({
      ok: false,
      reason: "account-changed",
      message,
      accountChange: { from: ADA, to: "Grace Hopper (grace@example.test)" },
    });
    expect(await rawRow(credential.id)).toEqual(before);
    const confirmed = await replace(credential, token, { confirmAccountChange: true });
    expect(confirmed).toMatchObject({
      ok: true,
      data: { tokenLast4: token.slice(-4), account: { id: "2002", name: "Grace Hopper", email: "grace@example.test" } },
    });
    expect(await rawRow(credential.id)).toMatchObject({
      accountId: "2002",
      accountName: "Grace Hopper",
      accountEmail: "grace@example.test",
    });
    expect((await events(credential.id))[0].detail).toMatch(
      /account changed from Ada Lovelace .* to Grace Hopper .* \(confirmed\)/,
    );
  });

  it("refuses a replacement made from a stale version, without asking ClickUp", async () => {
    const credential = await addCredential();
    expect(
      (
        await editCredential(testCaller, {
          id: credential.id,
          version: credential.version,
          name: "Renamed",
          description: "",
        })
      ).ok,
    ).toBe(true);
    const before = await rawRow(credential.id);
    expect(await replace(credential, goodToken())).toEqual(STALE);
    expect(await rawRow(credential.id)).toEqual(before);
    expect(clickUp.requests).toEqual([]);
  });
});

describe("deleteCredential", () => {
  it("deletes an unused credential; its 'deleted' event stays in the Activity", async () => {
    const credential = await addCredential("Old key");
    expect(await deleteCredential(testCaller, { id: credential.id })).toEqual({
      ok: true,
      data: { name: "Old key" },
    });
    expect(await rawRow(credential.id)).toBeUndefined();
    expect(await find(credential.id)).toBeUndefined();
    expect(await eventTypes(credential.id)).toEqual(["deleted", "created"]);
  });

  it("refuses while a source uses it, listing that source", async () => {
    const credential = await addCredential();
    const source = await createEndpoint(testCaller, {
      kind: "source",
      connector: "clickup",
      credentialId: credential.id,
      name: "Tasks",
      workspaceId: "9001",
    });
    if (!source.ok) throw new Error(source.message);
    const usedBy = [{ id: source.data.id, kind: "source", name: "Tasks", path: `/sources/${source.data.id}` }];
    expect(await deleteCredential(testCaller, { id: credential.id })).toEqual({
      ok: false,
      reason: "in-use",
      message: expect.stringMatching(/is used by 1 source or destination/),
      usedBy,
    });
    expect(await rawRow(credential.id)).toBeDefined();
    expect(await eventTypes(credential.id)).not.toContain("deleted");
  });

  it("lets the database's RESTRICT rule refuse when a source appears after the service's check", async () => {
    const credential = await addCredential();
    const db = dbModule.getDb();
    const transaction = db.$transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    const sourceId = randomUUID();
    const spy = vi.spyOn(db, "$transaction").mockImplementationOnce(((...args: unknown[]) => {
      // Lands after the service's check for uses, just before its delete.
      const lateSource = database.execute(
        `INSERT INTO "Endpoint" ("id", "kind", "connector", "name", "nameKey", "workspaceId", "workspaceName", "credentialId")
        VALUES (?, 'source', 'clickup', 'Late', 'late', '9001', 'Analytics Workspace', ?)`,
        sourceId,
        credential.id,
      );
      return lateSource.then(() => transaction(...args));
    }) as typeof db.$transaction);
    const result = await deleteCredential(testCaller, { id: credential.id });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(result).toMatchObject({
      ok: false,
      reason: "in-use",
      usedBy: [{ id: sourceId, kind: "source", name: "Late", path: `/sources/${sourceId}` }],
    });
    expect(await rawRow(credential.id)).toBeDefined();
    expect(await eventTypes(credential.id)).toEqual(["created"]);
  });
});

describe("the Activity", () => {
  it("lists every step newest first and never stores any token used", async () => {
    const tokens = [goodToken(), goodToken(), `pk_revoked_${secretPart()}`, `pk_other_${secretPart()}`];
    const { id } = await addCredential("Audit", tokens[0]);
    const steps: [() => Promise<{ ok: boolean }>, boolean][] = [
      [() => verifyCredential(testCaller, { id }), true],
      [() => editCredential(testCaller, { id, version: 1, name: "Audited", description: "x" }), true],
      [() => replaceCredentialToken(testCaller, { id, version: 2, apiKey: tokens[1] }), true],
      [() => replaceCredentialToken(testCaller, { id, version: 3, apiKey: tokens[2] }), false], // rejected: no event
      [
        () => replaceCredentialToken(testCaller, { id, version: 3, apiKey: tokens[3], confirmAccountChange: true }),
        true,
      ],
      [() => listWorkspacesForCredential(TEST_ADMIN, "clickup", id), true],
      [() => deleteCredential(testCaller, { id }), true],
    ];
    for (const [run, ok] of steps) {
      expect((await run()).ok).toBe(ok);
      await pause(); // distinct createdAt, so the order is the order of the steps
    }
    expect(await eventTypes(id)).toEqual([
      "deleted",
      "workspaces_listed",
      "token_replaced",
      "token_replaced",
      "edited",
      "verified",
      "created",
    ]);
    const raw = await database.queryRows('SELECT * FROM "CredentialEvent"');
    expect(raw).toHaveLength(7);
    const text = JSON.stringify(raw);
    expect(text).toContain(tokens[3].slice(-4)); // the last four may be shown, nothing more
    for (const token of tokens) {
      for (const part of [token, token.slice(3), token.slice(token.lastIndexOf("_") + 1)])
        expect(text).not.toContain(part);
    }
  });
});
