import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";

import { setUpIntegrationTests, TEST_ADMIN, testCaller } from "./setup";

// The per-credential limit test makes 20-odd listings (an edit and a ClickUp call each): 5 s was
// not enough on PostgreSQL with both cores busy (a loaded run timed it out), as for the other files.
vi.setConfig({ testTimeout: 30_000 });
const { database, clickUp } = await setUpIntegrationTests();
const [
  { createEndpoint },
  { listWorkspacesForCredential, listWorkspaces, LISTINGS_PER_CREDENTIAL_PER_MINUTE },
  { listEndpoints, findEndpoint },
  { createCredential },
  { getCredential, searchCredentials },
  { replaceCredentialToken },
  { editCredential },
  dbModule,
] = await Promise.all([
  import("@/lib/endpoints/create-endpoint"),
  import("@/lib/endpoints/list-workspaces"),
  import("@/lib/endpoints/queries"),
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/queries"),
  import("@/lib/credentials/replace-credential-token"),
  import("@/lib/credentials/edit-credential"),
  import("@/lib/db/client"),
]);

const goodToken = () => `pk_good_${randomBytes(12).toString("hex")}`;
const stored = () => database.queryRows('SELECT * FROM "Endpoint" ORDER BY "kind", "name"');
const teamCall = (token: string) => ({ path: "/api/v2/team", authorization: token });
const form = (credentialId: string, more: Record<string, unknown> = {}) => ({
  kind: "source",
  connector: "clickup",
  credentialId,
  name: "Tasks",
  workspaceId: "9001",
  ...more,
});
const deleteCredentialRow = (id: string) => database.execute(`DELETE FROM "Credential" WHERE "id" = ?`, id);
const needsOther = (message: RegExp) => ({
  ok: false,
  reason: "credential-unusable",
  message: expect.stringMatching(message),
});
const CREDENTIAL_GONE = needsOther(/no longer exists \(it may have been deleted\)/);
// Gone, never there, or someone else's: not found, with the same sentence.
const CREDENTIAL_NOT_FOUND = { ...CREDENTIAL_GONE, reason: "not-found" };

/** A ClickUp credential made through the real service (so its token is really sealed); requests cleared. */
async function addCredential(name = "Main", token = goodToken()) {
  const created = await createCredential(testCaller, { name, apiKey: token, connector: "clickup" });
  if (!created.ok) throw new Error(`could not create credential: ${created.message}`);
  clickUp.requests.length = 0;
  return { id: created.data.id, token };
}

beforeEach(async () => {
  await dbModule.getDb().endpoint.deleteMany();
  await dbModule.getDb().credential.deleteMany();
  await dbModule.getDb().rateLimitWindow.deleteMany();
  clickUp.requests.length = 0;
  clickUp.revokedTokens.clear();
  clickUp.beforeAnswer = undefined;
});

describe("createEndpoint", () => {
  it("creates a source and a destination on one credential, checking the Workspace with ClickUp", async () => {
    const { id: credentialId, token } = await addCredential();
    const source = await createEndpoint(testCaller, form(credentialId, { name: "  Sprint board " }));
    const destination = await createEndpoint(
      testCaller,
      form(credentialId, { kind: "destination", name: "Warehouse", workspaceId: "9002" }),
    );
    if (!source.ok || !destination.ok) throw new Error(`create failed: ${JSON.stringify([source, destination])}`);
    expect(source.data.path).toBe(`/sources/${source.data.id}`);
    expect(destination.data.path).toBe(`/destinations/${destination.data.id}`);
    expect(clickUp.requests).toEqual([teamCall(token), teamCall(token)]);
    const base = { connector: "clickup", credentialId };
    expect(await stored()).toEqual([
      expect.objectContaining({
        ...base,
        id: destination.data.id,
        kind: "destination",
        name: "Warehouse",
        nameKey: "warehouse",
        workspaceId: "9002",
        workspaceName: "Marketing Workspace",
      }),
      expect.objectContaining({
        ...base,
        id: source.data.id,
        kind: "source",
        name: "Sprint board",
        nameKey: "sprint board",
        workspaceId: "9001",
        workspaceName: "Analytics Workspace",
      }),
    ]);
    expect(
      (await searchCredentials(TEST_ADMIN, { connector: "clickup" })).map((credential) => credential.usageCount),
    ).toEqual([2]);
  });

  it("lets a source and a destination share a name, but not two sources (case and space ignored)", async () => {
    const { id } = await addCredential();
    expect((await createEndpoint(testCaller, form(id, { name: "Reports" }))).ok).toBe(true);
    expect((await createEndpoint(testCaller, form(id, { kind: "destination", name: "reports" }))).ok).toBe(true);
    clickUp.requests.length = 0;
    const again = await createEndpoint(testCaller, form(id, { name: "  REPORTS ", workspaceId: "9002" }));
    expect(again).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: expect.stringMatching(/source named "REPORTS" already exists/) },
    });
    expect((await stored()).filter((row) => row.kind === "source")).toHaveLength(1);
    expect(clickUp.requests).toEqual([]);
  });

  it("lets the unique index decide when two creates of the same name race", async () => {
    const { id } = await addCredential();
    const results = await Promise.all([
      createEndpoint(testCaller, form(id, { name: "Race" })),
      createEndpoint(testCaller, form(id, { name: "RACE " })),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: expect.stringMatching(/already exists/) },
    });
    expect(await stored()).toHaveLength(1);
  });

  it.each([
    ["does not exist", async () => randomUUID(), CREDENTIAL_NOT_FOUND],
    [
      "belongs to another connector",
      async () => {
        const { id } = await addCredential("Elsewhere");
        await database.execute(`UPDATE "Credential" SET "connector" = 'other' WHERE "id" = ?`, id);
        return id;
      },
      CREDENTIAL_GONE,
    ],
  ])(
    "refuses a credential that %s, storing nothing and asking ClickUp nothing",
    async (_case, credentialId, refusal) => {
      const result = await createEndpoint(testCaller, form(await credentialId()));
      expect(result).toEqual(refusal);
      expect(await stored()).toEqual([]);
      expect(clickUp.requests).toEqual([]);
    },
  );

  it.each([
    [
      "an empty name",
      (id: string) => form(id, { name: "   " }),
      { reason: "invalid", fieldErrors: { name: "Give it a name." } },
    ],
    [
      "a missing Workspace",
      (id: string) => ({ ...form(id), workspaceId: undefined }),
      { reason: "invalid", fieldErrors: { workspaceId: "Choose a Workspace." } },
    ],
    [
      "a string instead of an object",
      () => "Tasks",
      { reason: "malformed", message: expect.stringMatching(/not understood/) },
    ],
    ["null", () => null, { reason: "malformed", message: expect.stringMatching(/not understood/) }],
    [
      "an unknown kind",
      (id: string) => form(id, { kind: "sink" }),
      { reason: "malformed", message: expect.stringMatching(/not understood/) },
    ],
    [
      "an unknown connector",
      (id: string) => form(id, { connector: "jira" }),
      { reason: "invalid", message: expect.stringMatching(/Unknown connector/) },
    ],
  ])("rejects %s with a clear message, storing nothing and asking ClickUp nothing", async (_case, input, expected) => {
    const { id } = await addCredential();
    const result = await createEndpoint(testCaller, input(id));
    // Each names its own reason: none of them is "credential-unusable" (pick another credential).
    expect(result).toMatchObject({ ok: false, ...expected });
    expect(await stored()).toEqual([]);
    expect(clickUp.requests).toEqual([]);
  });

  it("refuses a Workspace ClickUp does not list for this credential", async () => {
    const { id, token } = await addCredential();
    const result = await createEndpoint(testCaller, form(id, { workspaceId: "9999" }));
    expect(result).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { workspaceId: expect.stringMatching(/not one this credential can reach/) },
    });
    expect(clickUp.requests).toEqual([teamCall(token)]);
    expect(await stored()).toEqual([]);
  });

  it("asks for another credential once ClickUp no longer accepts its token", async () => {
    const { id, token } = await addCredential("Ops key");
    clickUp.revokedTokens.add(token);
    const result = await createEndpoint(testCaller, form(id));
    expect(result).toEqual(needsOther(/ClickUp no longer accepts the token of "Ops key"/));
    expect(JSON.stringify(result)).not.toContain(token);
    expect(clickUp.requests).toEqual([teamCall(token)]);
    expect(await stored()).toEqual([]);
  });

  it.each([
    [
      "after its Workspaces were listed",
      async (id: string) => {
        expect((await listWorkspacesForCredential(TEST_ADMIN, "clickup", id)).ok).toBe(true);
        await deleteCredentialRow(id);
      },
    ],
    [
      "while ClickUp is being asked (the foreign key decides)",
      async (id: string) => {
        clickUp.beforeAnswer = async () => {
          await deleteCredentialRow(id);
        };
      },
    ],
  ])("answers not found (pick another) when it is deleted %s", async (_case, deleteIt) => {
    const { id } = await addCredential();
    await deleteIt(id);
    expect(await createEndpoint(testCaller, form(id))).toEqual(CREDENTIAL_NOT_FOUND);
    expect(await stored()).toEqual([]);
  });
});

describe("listWorkspacesForCredential", () => {
  it("lists the Workspaces ClickUp reports for the credential's decrypted token", async () => {
    const { id, token } = await addCredential();
    expect(await listWorkspacesForCredential(TEST_ADMIN, "clickup", id)).toEqual({
      ok: true,
      data: [
        { id: "9001", name: "Analytics Workspace" },
        { id: "9002", name: "Marketing Workspace" },
      ],
    });
    expect(clickUp.requests).toEqual([teamCall(token)]);
  });

  it.each([
    ["its key id is not in the key ring", `"secretKeyId" = 'retired-key'`],
    ["it claims another key of the ring", `"secretKeyId" = 'it-old'`],
    ["its ciphertext was altered", `"secretCiphertext" = 'v1.' || substr("secretCiphertext", 5)`],
  ])("asks for another credential, without throwing, when %s", async (_case, assignment) => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const { id } = await addCredential();
    expect(await database.execute(`UPDATE "Credential" SET ${assignment} WHERE "id" = ?`, id)).toBe(1);
    const expected = needsOther(/can no longer be decrypted/);
    expect(await listWorkspacesForCredential(TEST_ADMIN, "clickup", id)).toEqual(expected);
    expect(await createEndpoint(testCaller, form(id))).toEqual(expected);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(id));
    expect(clickUp.requests).toEqual([]);
    expect(await stored()).toEqual([]);
  });
});

describe("listEndpoints and findEndpoint", () => {
  it("keep sources and destinations apart and show the Workspace and credential", async () => {
    const { id: credentialId } = await addCredential("Main");
    const source = await createEndpoint(testCaller, form(credentialId, { name: "Sprint board" }));
    const destination = await createEndpoint(
      testCaller,
      form(credentialId, { kind: "destination", name: "Sprint board" }),
    );
    if (!source.ok || !destination.ok) throw new Error("create failed");
    const sources = await listEndpoints(TEST_ADMIN, "source");
    expect(sources).toEqual([expect.objectContaining({ id: source.data.id, kind: "source", name: "Sprint board" })]);
    expect(sources[0]).toMatchObject({
      workspace: { id: "9001", name: "Analytics Workspace" },
      credential: { id: credentialId, name: "Main", accountName: "Ada Lovelace", accountEmail: "ada@example.test" },
    });
    expect((await listEndpoints(TEST_ADMIN, "destination")).map((row) => row.id)).toEqual([destination.data.id]);
    expect(await findEndpoint(TEST_ADMIN, "source", source.data.id)).toEqual(sources[0]);
    expect(await findEndpoint(TEST_ADMIN, "destination", source.data.id)).toBeUndefined();
    expect(await findEndpoint(TEST_ADMIN, "source", randomUUID())).toBeUndefined();
  });
});

describe("the database", () => {
  it("refuses to delete a credential that a source uses (ON DELETE RESTRICT)", async () => {
    const { id } = await addCredential();
    expect((await createEndpoint(testCaller, form(id))).ok).toBe(true);
    await expect(deleteCredentialRow(id)).rejects.toThrow(
      /FOREIGN KEY constraint failed|violates foreign key constraint/,
    );
    await expect(dbModule.getDb().credential.delete({ where: { id } })).rejects.toMatchObject({ code: "P2003" });
    expect(await getCredential(TEST_ADMIN, id, { connector: "clickup" })).toMatchObject({ id, usageCount: 1 });
  });
});

describe("listWorkspaces (the Configure step's listing)", () => {
  const list = (id: string) => listWorkspaces(testCaller, { connector: "clickup", credentialId: id });

  it("reuses a listing of the last minute for the same token, and writes one Activity entry", async () => {
    const { id, token } = await addCredential("Listed often");
    for (let i = 0; i < 5; i++)
      expect(await list(id)).toMatchObject({ ok: true, data: [{ id: "9001" }, { id: "9002" }] });
    expect(clickUp.requests).toEqual([teamCall(token)]);
    const events = await database.queryRows(
      `SELECT "type" FROM "CredentialEvent" WHERE "credentialId" = ? AND "type" = 'workspaces_listed'`,
      id,
    );
    expect(events).toHaveLength(1);
  });

  it("asks ClickUp again once the token was replaced (a new version is never answered from the old token)", async () => {
    const { id } = await addCredential("Replaced");
    await list(id);
    const next = goodToken();
    const replaced = await replaceCredentialToken(testCaller, { id, version: 1, apiKey: next });
    expect(replaced.ok).toBe(true);
    clickUp.requests.length = 0;
    await list(id);
    expect(clickUp.requests).toEqual([teamCall(next)]);
  });

  it("limits calls to ClickUp per credential: past the limit, nothing is sent and the answer says when to retry", async () => {
    // All within one minute's window of the limit, however slow the machine: the clock stands at
    // its start (the real clock could cross a minute's edge midway and restart the count).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.parse("2027-01-04T09:00:01.000Z"));
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const { id } = await addCredential("Busy");
    // Each edit bumps the version, so every listing below is a call to ClickUp.
    for (let version = 1; version <= LISTINGS_PER_CREDENTIAL_PER_MINUTE; version++) {
      expect((await list(id)).ok).toBe(true);
      const edited = await editCredential(testCaller, { id, version, name: "Busy", description: `edit ${version}` });
      expect(edited.ok).toBe(true);
    }
    const calls = clickUp.requests.length;
    expect(calls).toBe(LISTINGS_PER_CREDENTIAL_PER_MINUTE);
    expect(await list(id)).toMatchObject({
      ok: false,
      reason: "rate-limited",
      message: expect.stringMatching(/too often .* Try again in \d+ seconds/),
      retryAt: expect.any(String),
    });
    expect(clickUp.requests.length).toBe(calls);
  });
});
