import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";

import { CLICKUP_MESSAGES } from "@/lib/connectors/clickup/responses";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { openSecret } from "@/lib/crypto/secret-box";

import { setUpIntegrationTests, TEST_ADMIN, testCaller } from "./setup";

const { database, clickUp, keyRingText } = await setUpIntegrationTests();
const [{ createCredential }, { listCredentialTiles }, dbModule] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/queries"),
  import("@/lib/db/client"),
]);

const secretPart = () => randomBytes(12).toString("hex");
const goodToken = () => `pk_good_${secretPart()}`;
const rows = () => database.queryRows('SELECT * FROM "Credential"');

beforeEach(async () => {
  await dbModule.getDb().credential.deleteMany();
  clickUp.requests.length = 0;
});

describe("createCredential", () => {
  it("verifies the token with ClickUp, then stores it sealed and returns only public fields", async () => {
    const token = goodToken();
    const result = await createCredential(testCaller, {
      connector: "clickup",
      name: "  Marketing ",
      description: " Ads ",
      apiKey: ` ${token}\n`,
    });

    expect(result).toMatchObject({
      ok: true,
      data: {
        connector: "clickup",
        name: "Marketing",
        description: "Ads",
        account: { id: "1001", name: "Ada Lovelace", email: "ada@example.test" },
        tokenLast4: token.slice(-4),
      },
    });
    expect(clickUp.requests).toEqual([{ path: "/api/v2/user", authorization: token }]);
    if (!result.ok) return;
    expect(Object.keys(result.data).sort()).toEqual(
      [
        "access",
        "account",
        "authMethod",
        "callsPerMinute",
        "connector",
        "createdAt",
        "description",
        "id",
        "lastVerifiedAt",
        "name",
        "health",
        "looksLike",
        "ownerEmail",
        "ownerName",
        "state",
        "stateChangedAt",
        "stateReason",
        "tokenLast4",
        "usageCount",
        "version",
      ].sort(),
    );

    const stored = await rows();
    expect(stored).toHaveLength(1);
    const [row] = stored;
    expect(row).toMatchObject({
      id: result.data.id,
      nameKey: "marketing",
      secretKeyId: "it-active",
      secretLast4: token.slice(-4),
    });
    for (const value of Object.values(row)) {
      expect(String(value)).not.toContain(token);
      expect(String(value)).not.toContain(token.slice(8, -4));
    }
    const ring = parseKeyRing(keyRingText, "test");
    const sealed = { keyId: String(row.secretKeyId), ciphertext: String(row.secretCiphertext) };
    expect(openSecret(ring, sealed, `credential:${result.data.id}`)).toBe(token);
    expect(() => openSecret(ring, sealed, "credential:another-id")).toThrow();

    const publicJson = JSON.stringify(result);
    expect(publicJson).not.toContain(token);
    expect(publicJson).not.toContain(sealed.ciphertext);
    expect(publicJson).not.toContain("secret");
  });

  it("refuses a name that differs only in case or surrounding space, without asking ClickUp", async () => {
    expect((await createCredential(testCaller, { connector: "clickup", name: "Team", apiKey: goodToken() })).ok).toBe(
      true,
    );
    clickUp.requests.length = 0;

    const again = await createCredential(testCaller, { connector: "clickup", name: " team ", apiKey: goodToken() });
    expect(again).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: expect.stringMatching(/already exists/) },
    });
    expect(clickUp.requests).toEqual([]);
    expect(await rows()).toHaveLength(1);
  });

  it("lets the unique index decide when two saves of the same name race", async () => {
    const results = await Promise.all([
      createCredential(testCaller, { connector: "clickup", name: "Race", apiKey: goodToken() }),
      createCredential(testCaller, { connector: "clickup", name: "RACE ", apiKey: goodToken() }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: expect.stringMatching(/already exists/) },
    });
    expect(await rows()).toHaveLength(1);
  });

  it.each([
    ["an empty name", { name: "  ", apiKey: "pk_good_1" }, "name", /Give the credential a name/],
    ["a Bearer-prefixed token", { name: "A", apiKey: "Bearer pk_good_1" }, "apiKey", /Bearer/],
    ["a token without pk_", { name: "A", apiKey: "good_1" }, "apiKey", /pk_/],
    ["numbers instead of strings", { name: 5, description: 6, apiKey: 7 }, "name", /name/],
    ["a description that is not text", { name: "A", description: ["x"], apiKey: "pk_good_1" }, "description", /text/],
    [
      "fields smuggled in under __proto__",
      JSON.parse('{"__proto__": {"name": "Injected", "apiKey": "pk_good_1"}}'),
      "apiKey",
      /Enter your ClickUp API key/,
    ],
  ])("rejects %s with a field error, storing nothing and calling no one", async (_case, input, field, message) => {
    const result = await createCredential(testCaller, { ...input, connector: "clickup" });
    expect(result).toMatchObject({ ok: false, reason: "invalid" });
    if (result.ok || result.reason !== "invalid") return;
    expect(result.fieldErrors?.[field as "name"]).toMatch(message);
    expect(await rows()).toHaveLength(0);
    expect(clickUp.requests).toEqual([]);
  });

  it.each([
    ["a string", "Marketing"],
    ["null", null],
    ["an array", [{ name: "A", apiKey: "pk_good_1" }]],
  ])("rejects %s as input, storing nothing and calling no one", async (_case, input) => {
    const result = await createCredential(testCaller, input);
    expect(result).toEqual({ ok: false, reason: "malformed", message: expect.stringMatching(/not understood/) });
    expect(await rows()).toHaveLength(0);
    expect(clickUp.requests).toEqual([]);
  });

  it("stores nothing when ClickUp rejects the token (401 OAUTH_025)", async () => {
    const token = `pk_revoked_${secretPart()}`;
    const result = await createCredential(testCaller, { connector: "clickup", name: "Old", apiKey: token });
    expect(result).toEqual({ ok: false, reason: "clickup-rejected", message: CLICKUP_MESSAGES.rejected });
    expect(clickUp.requests).toEqual([{ path: "/api/v2/user", authorization: token }]);
    expect(await rows()).toHaveLength(0);
  });

  it("stores nothing when rate-limited and passes on when to retry", async () => {
    const result = await createCredential(testCaller, {
      connector: "clickup",
      name: "Busy",
      apiKey: `pk_ratelimited_${secretPart()}`,
    });
    expect(result).toMatchObject({
      ok: false,
      reason: "rate-limited",
      retryAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    if (!result.ok && result.reason === "rate-limited")
      expect(Date.parse(result.retryAt ?? "") - Date.now()).toBeGreaterThan(30_000);
    expect(await rows()).toHaveLength(0);
  });

  it.each([["jira"], ["ClickUp"], [42], [undefined]])(
    "refuses unknown connector %j without calling ClickUp",
    async (id) => {
      const result = await createCredential(testCaller, { connector: id, name: "A", apiKey: goodToken() });
      expect(result).toEqual({ ok: false, reason: "invalid", message: expect.stringMatching(/Unknown connector/) });
      expect(clickUp.requests).toEqual([]);
      expect(await rows()).toHaveLength(0);
    },
  );

  it("never writes the token to the database's files (SQLite's file and journals, or PostgreSQL's whole cluster, WAL included)", async () => {
    const tokens = [goodToken(), goodToken(), `pk_other_${secretPart()}`];
    for (const [index, apiKey] of tokens.entries()) {
      expect((await createCredential(testCaller, { connector: "clickup", name: `Bytes ${index}`, apiKey })).ok).toBe(
        true,
      );
    }
    await dbModule.getDb().$disconnect();
    const bytes = await database.databaseBytes();
    // What was stored is there to be found, so the search below could fail.
    for (const row of await rows()) expect(bytes.includes(Buffer.from(String(row.secretCiphertext)))).toBe(true);
    for (const token of tokens) {
      expect(bytes.includes(Buffer.from(token))).toBe(false);
      expect(bytes.includes(Buffer.from(token.slice(-20, -4)))).toBe(false);
      expect(bytes.includes(Buffer.from(token, "utf16le"))).toBe(false);
    }
  });
});

describe("listCredentialTiles", () => {
  it("returns a connector's credentials newest first, with public fields only", async () => {
    const token = goodToken();
    for (const name of ["First", "Second", "Third"]) {
      expect((await createCredential(testCaller, { connector: "clickup", name, apiKey: token })).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const { credentials: listed, total } = await listCredentialTiles(TEST_ADMIN, "clickup", { limit: 48 });
    expect(total).toBe(3);
    expect(listed.map((credential) => credential.name)).toEqual(["Third", "Second", "First"]);
    expect(JSON.stringify(listed)).not.toContain(token);
    expect(JSON.stringify(listed)).not.toContain("v1.");
    expect(await listCredentialTiles(TEST_ADMIN, "jira", { limit: 48 })).toEqual({ credentials: [], total: 0 });
  });
});
