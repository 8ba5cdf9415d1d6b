import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";

import type { Caller, Person } from "@/lib/auth/person";

import { setUpIntegrationTests } from "./setup";

// Who sees, uses and changes which credential and endpoint (lib/auth/access.ts), through the
// same services the pages and actions call, on a real database.

const { clickUp } = await setUpIntegrationTests();
const [
  { createCredential },
  { verifyCredential },
  { editCredential },
  { replaceCredentialToken },
  { deleteCredential },
  { shareCredential },
  { unshareCredential },
  { leaveShare },
  { getCredential, searchCredentials, listCredentialTiles, listCredentialUses, listCredentialShares },
  { createEndpoint },
  { listWorkspacesForCredential },
  { listEndpoints, findEndpoint },
  dbModule,
] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/verify-credential"),
  import("@/lib/credentials/edit-credential"),
  import("@/lib/credentials/replace-credential-token"),
  import("@/lib/credentials/delete-credential"),
  import("@/lib/credentials/share-credential"),
  import("@/lib/credentials/unshare-credential"),
  import("@/lib/credentials/leave-share"),
  import("@/lib/credentials/queries"),
  import("@/lib/endpoints/create-endpoint"),
  import("@/lib/endpoints/list-workspaces"),
  import("@/lib/endpoints/queries"),
  import("@/lib/db/client"),
]);
const db = dbModule.getDb();

const person = (id: string, role: Person["role"]): Person => ({
  id,
  name: `${id[0].toUpperCase()}${id.slice(1)}`,
  email: `${id}@example.test`,
  role,
});
const olive = person("olive", "admin");
const mia = person("mia", "member");
const max = person("max", "member");
const caller = (someone: Person): Caller => ({ person: someone, clientKey: "ownership-tests" });
const goodToken = () => `pk_good_${randomBytes(10).toString("hex")}`;

async function save(someone: Person, name: string, token = goodToken()) {
  const result = await createCredential(caller(someone), {
    connector: "clickup",
    name,
    description: "",
    apiKey: token,
  });
  if (!result.ok) throw new Error(result.message);
  return { ...result.data, token };
}

beforeEach(async () => {
  await db.$transaction([
    db.endpoint.deleteMany(),
    db.credentialShare.deleteMany(),
    db.credential.deleteMany(),
    db.credentialEvent.deleteMany(),
    db.user.deleteMany(),
  ]);
  for (const someone of [olive, mia, max])
    await db.user.create({ data: { id: someone.id, name: someone.name, email: someone.email, role: someone.role } });
  clickUp.requests.length = 0;
});

describe("a member and someone else's credential", () => {
  it("cannot find, list, pick or use it: every service answers as if it did not exist", async () => {
    const theirs = await save(mia, "Mia's");
    const version = { id: theirs.id, version: theirs.version };
    clickUp.requests.length = 0;

    expect(await getCredential(max, theirs.id)).toBeUndefined();
    expect(await searchCredentials(max, {})).toEqual([]);
    expect(await searchCredentials(max, { query: "Mia" })).toEqual([]);
    expect(await listCredentialTiles(max, "clickup", { limit: 48, includeId: theirs.id })).toEqual({
      credentials: [],
      total: 0,
    });

    const notFound = { ok: false, reason: "not-found", message: expect.stringMatching(/no longer exists/) };
    expect(await verifyCredential(caller(max), version)).toMatchObject(notFound);
    expect(await editCredential(caller(max), { ...version, name: "Stolen", description: "" })).toMatchObject(notFound);
    expect(await replaceCredentialToken(caller(max), { ...version, apiKey: goodToken() })).toMatchObject(notFound);
    expect(await deleteCredential(caller(max), version)).toMatchObject(notFound);
    expect(await shareCredential(caller(max), { id: theirs.id, userId: max.id })).toMatchObject(notFound);
    expect(await listWorkspacesForCredential(max, "clickup", theirs.id)).toMatchObject({
      ok: false,
      reason: "credential-unusable",
      message: /no longer exists/,
    });
    expect(
      await createEndpoint(caller(max), {
        kind: "source",
        connector: "clickup",
        credentialId: theirs.id,
        name: "Sneaky",
        workspaceId: "9001",
      }),
    ).toMatchObject({ ok: false, reason: "not-found", message: /no longer exists/ });

    // Nothing reached ClickUp with Mia's token, nothing changed, nothing was created.
    expect(clickUp.requests).toEqual([]);
    expect(await db.credential.findUniqueOrThrow({ where: { id: theirs.id } })).toMatchObject({
      name: "Mia's",
      version: 1,
    });
    expect(await db.endpoint.count()).toBe(0);
    expect(await db.credentialShare.count()).toBe(0);
  });

  it("may reuse a name someone else chose: names are unique per person", async () => {
    await save(mia, "Marketing");
    await expect(save(max, "marketing ")).resolves.toMatchObject({ name: "marketing" });
    await expect(save(mia, "MARKETING")).rejects.toThrow(/already exists/);
  });
});

describe("the admin", () => {
  it("sees everyone's credentials marked with their owner, manages them, but does not use them unshared", async () => {
    const theirs = await save(mia, "Mia's");
    const [listed] = await searchCredentials(olive, {});
    expect(listed).toMatchObject({ id: theirs.id, ownerName: "Mia", access: "admin" });
    expect(await listCredentialTiles(olive, "clickup", { limit: 48 })).toEqual({ credentials: [], total: 0 });
    expect(await listWorkspacesForCredential(olive, "clickup", theirs.id)).toMatchObject({
      ok: false,
      reason: "credential-unusable",
    });
    expect(
      await editCredential(caller(olive), { id: theirs.id, version: 1, name: "Mia's (checked)", description: "" }),
    ).toMatchObject({ ok: true });
    // Handing out the use of Mia's token is Mia's decision: not even to the admin itself.
    for (const recipient of [olive, max]) {
      expect(await shareCredential(caller(olive), { id: theirs.id, userId: recipient.id })).toMatchObject({
        ok: false,
        reason: "not-owner",
        message: /Only the credential's owner can share/,
      });
    }
    expect(await listCredentialShares(olive, theirs.id)).toBeUndefined();
    expect(await db.credentialShare.count()).toBe(0);
    const [event] = await db.credentialEvent.findMany({ where: { credentialId: theirs.id, type: "edited" } });
    expect(event.actorName).toBe("Olive");
  });

  it("sees every source and destination, a member only their own", async () => {
    const theirs = await save(mia, "Mia's");
    const created = await createEndpoint(caller(mia), {
      kind: "source",
      connector: "clickup",
      credentialId: theirs.id,
      name: "Tasks",
      workspaceId: "9001",
    });
    expect(created).toMatchObject({ ok: true });
    expect(await listEndpoints(mia, "source")).toMatchObject([{ name: "Tasks" }]);
    expect((await listEndpoints(mia, "source"))[0].ownerName).toBeUndefined();
    expect(await listEndpoints(olive, "source")).toMatchObject([{ name: "Tasks", ownerName: "Mia" }]);
    expect(await listEndpoints(max, "source")).toEqual([]);
    if (!created.ok) return;
    expect(await findEndpoint(max, "source", created.data.id)).toBeUndefined();
  });
});

describe("sharing", () => {
  it("lets the person use the credential for their own sources, never change it; the owner sees it in Activity", async () => {
    const theirs = await save(mia, "Mia's");
    expect(await shareCredential(caller(mia), { id: theirs.id, userId: max.id })).toEqual({ ok: true, data: null });
    expect(await shareCredential(caller(mia), { id: theirs.id, userId: max.id })).toMatchObject({
      ok: false,
      reason: "conflict",
      message: /already shared with Max/,
    });
    expect(await shareCredential(caller(mia), { id: theirs.id, userId: mia.id })).toMatchObject({
      ok: false,
      reason: "refused",
      message: /owns this credential already/,
    });
    expect(await shareCredential(caller(mia), { id: theirs.id, userId: "nobody" })).toMatchObject({
      ok: false,
      reason: "invalid",
      message: /no longer has a sign-in here/,
    });
    expect(await shareCredential(caller(mia), { id: theirs.id, userId: "../x" })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { userId: expect.any(String) },
    });

    const tiles = await listCredentialTiles(max, "clickup", { limit: 48 });
    expect(tiles.credentials).toMatchObject([{ id: theirs.id, access: "shared", ownerName: "Mia" }]);
    // The shape that reaches the browser has no token and no ciphertext.
    expect(JSON.stringify(tiles)).not.toContain(theirs.token);
    expect(JSON.stringify(tiles)).not.toMatch(/secretCiphertext|v1\./);

    const created = await createEndpoint(caller(max), {
      kind: "source",
      connector: "clickup",
      credentialId: theirs.id,
      name: "Max's tasks",
      workspaceId: "9001",
    });
    expect(created).toMatchObject({ ok: true });
    expect(await db.endpoint.findFirstOrThrow({ where: { name: "Max's tasks" } })).toMatchObject({
      ownerId: max.id,
      credentialId: theirs.id,
    });

    const ownerOnly = { ok: false, reason: "not-owner", message: expect.stringMatching(/Only the credential's owner/) };
    expect(
      await editCredential(caller(max), { id: theirs.id, version: 1, name: "Max's now", description: "" }),
    ).toMatchObject(ownerOnly);
    expect(await replaceCredentialToken(caller(max), { id: theirs.id, version: 1, apiKey: goodToken() })).toMatchObject(
      ownerOnly,
    );
    expect(await deleteCredential(caller(max), { id: theirs.id })).toMatchObject(ownerOnly);
    expect(await shareCredential(caller(max), { id: theirs.id, userId: olive.id })).toMatchObject({
      ok: false,
      reason: "not-owner",
      message: /Only the credential's owner can share/,
    });
    expect(await verifyCredential(caller(max), { id: theirs.id })).toMatchObject({ ok: true });

    // Mia cannot stop sharing while Max's source uses it; she sees his source among the uses.
    expect(await unshareCredential(caller(mia), { id: theirs.id, userId: max.id })).toMatchObject({
      ok: false,
      reason: "in-use",
      usedBy: ["Max's tasks"],
    });
    expect(await listCredentialUses(mia, theirs.id, true)).toMatchObject([{ name: "Max's tasks", ownerName: "Max" }]);
    expect((await listCredentialUses(mia, theirs.id, true))[0].path).toBeUndefined();
    await db.endpoint.deleteMany();
    expect(await unshareCredential(caller(mia), { id: theirs.id, userId: max.id })).toEqual({ ok: true, data: null });
    expect(await listCredentialTiles(max, "clickup", { limit: 48 })).toEqual({ credentials: [], total: 0 });

    const events = await db.credentialEvent.findMany({ where: { credentialId: theirs.id } });
    // Several can share a millisecond, so compare without order.
    expect(events.map((event) => `${event.type} by ${event.actorName}`).sort()).toEqual([
      "created by Mia",
      "shared by Mia",
      "unshared by Mia",
      "verified by Max",
      "workspaces_listed by Max",
    ]);
    expect(events.find((event) => event.type === "shared")?.detail).toMatch(/Shared with Max \(max@example\.test\)/);
  });
});

// Someone can save a credential named, described and verified like someone else's, and share it
// with them unasked. It must never pass for theirs.
describe("shares cannot impersonate", () => {
  const share = async (owner: Person, id: string, recipient: Person) =>
    expect(await shareCredential(caller(owner), { id, userId: recipient.id })).toEqual({ ok: true, data: null });
  const tilesOf = async (someone: Person) => (await listCredentialTiles(someone, "clickup", { limit: 48 })).credentials;

  it("a credential shared with you says whose it is, by name and email, wherever it is listed", async () => {
    const own = await save(mia, "Finance ClickUp");
    const copy = await save(max, "Finance ClickUp");
    await share(max, copy.id, mia);

    const sharedView = { id: copy.id, access: "shared", ownerName: "Max", ownerEmail: "max@example.test" };
    expect(await tilesOf(mia)).toEqual(
      expect.arrayContaining([
        expect.objectContaining(sharedView),
        expect.objectContaining({ id: own.id, access: "own" }),
      ]),
    );
    expect(await searchCredentials(mia, {})).toEqual(expect.arrayContaining([expect.objectContaining(sharedView)]));
    expect(await getCredential(mia, copy.id, { scope: "use" })).toMatchObject(sharedView);
    // The admin sees everyone's, each with its owner.
    expect(await getCredential(olive, copy.id)).toMatchObject({ ownerName: "Max", ownerEmail: "max@example.test" });
  });

  it.each([
    ["the same name", "Finance ClickUp"],
    ["the same name in other case and spacing", "FINANCE  clickup"],
    ["Cyrillic letters that look Latin", "F\u0456nance Cl\u0456ckUp"],
    ["a capital I for an l", "Finance CIickUp"],
    ["a digit one for an l", "Finance C1ickUp"],
    ["rn for m", "Finance ClickUp rnain"],
  ])("a shared credential with %s as one you can use is marked as looking like it", async (_case, name) => {
    const own = await save(mia, name.endsWith("rnain") ? "Finance ClickUp main" : "Finance ClickUp");
    const copy = await save(max, name);
    await share(max, copy.id, mia);

    const tiles = await tilesOf(mia);
    expect(tiles.find((tile) => tile.id === copy.id)).toMatchObject({ looksLike: own.name });
    // Your own credential is not the suspicious one.
    expect(tiles.find((tile) => tile.id === own.id)).toMatchObject({ looksLike: null });
    expect((await searchCredentials(mia, {})).find((row) => row.id === copy.id)).toMatchObject({
      looksLike: own.name,
    });
    expect(await getCredential(mia, copy.id, { scope: "use" })).toMatchObject({ looksLike: own.name });
    // Its owner sees nothing to warn about: the mark is for the person it was shared with.
    expect(await getCredential(max, copy.id)).toMatchObject({ looksLike: null });
  });

  it("marks a look-alike whatever came first, and after a rename", async () => {
    const early = await save(max, "Payroll");
    await share(max, early.id, mia);
    expect((await tilesOf(mia))[0]).toMatchObject({ id: early.id, looksLike: null });
    // Mia saves her own "Payroll" later: the shared one is marked now.
    await save(mia, "payroll");
    expect((await tilesOf(mia)).find((tile) => tile.id === early.id)).toMatchObject({ looksLike: "payroll" });

    const renamed = await save(max, "Harmless");
    await share(max, renamed.id, mia);
    expect((await tilesOf(mia)).find((tile) => tile.id === renamed.id)).toMatchObject({ looksLike: null });
    await save(mia, "Billing");
    expect(
      await editCredential(caller(max), { id: renamed.id, version: 1, name: "Bi\u217cling", description: "" }),
    ).toMatchObject({
      ok: true,
    });
    expect((await tilesOf(mia)).find((tile) => tile.id === renamed.id)).toMatchObject({ looksLike: "Billing" });
  });

  it("does not mark names that merely resemble each other in meaning or differ visibly", async () => {
    await save(mia, "Finance ClickUp");
    const copy = await save(max, "Finance ClickUp 2");
    const other = await save(max, "Marketing");
    await share(max, copy.id, mia);
    await share(max, other.id, mia);
    for (const tile of await tilesOf(mia)) expect(tile).toMatchObject({ looksLike: null });
  });

  it("lets the person it was shared with remove it — not while their own sources use it", async () => {
    const theirs = await save(max, "Max's shared");
    await share(max, theirs.id, mia);
    const used = await createEndpoint(caller(mia), {
      kind: "source",
      connector: "clickup",
      credentialId: theirs.id,
      name: "Mia's tasks",
      workspaceId: "9001",
    });
    expect(used).toMatchObject({ ok: true });
    if (!used.ok) return;

    const refused = await leaveShare(caller(mia), { id: theirs.id });
    expect(refused).toMatchObject({
      ok: false,
      reason: "in-use",
      message: expect.stringContaining("Mia's tasks"),
      usedBy: [{ name: "Mia's tasks", kind: "source", path: used.data.path }],
    });
    expect(await db.credentialShare.count()).toBe(1);

    await db.endpoint.deleteMany();
    expect(await leaveShare(caller(mia), { id: theirs.id })).toEqual({ ok: true, data: { name: "Max's shared" } });
    expect(await tilesOf(mia)).toEqual([]);
    expect(await getCredential(mia, theirs.id)).toBeUndefined();
    // Max keeps his credential, and reads in its Activity that Mia removed it.
    expect(await getCredential(max, theirs.id)).toMatchObject({ id: theirs.id });
    const [ended] = await db.credentialEvent.findMany({ where: { credentialId: theirs.id, type: "unshared" } });
    expect(ended).toMatchObject({ actorName: "Mia" });
    expect(ended.detail).toMatch(/Mia \(mia@example\.test\) removed it from their credentials/);

    // Once gone it is not hers to remove again; her own, and others' unshared, are not hers to remove.
    const notFound = { ok: false, reason: "not-found", message: expect.stringMatching(/no longer exists/) };
    expect(await leaveShare(caller(mia), { id: theirs.id })).toMatchObject(notFound);
    const own = await save(mia, "Mia's own");
    expect(await leaveShare(caller(mia), { id: own.id })).toMatchObject({
      ok: false,
      reason: "refused",
      message: /yours/,
    });
    const unshared = await save(max, "Max's private");
    expect(await leaveShare(caller(mia), { id: unshared.id })).toMatchObject(notFound);
    expect(await leaveShare(caller(mia), { id: "../x" })).toMatchObject(notFound);
    expect(await db.credential.count()).toBe(3);
  });

  it("lets the admin remove a share given to them; they still see the credential as admin", async () => {
    const theirs = await save(mia, "Mia's for the admin");
    await share(mia, theirs.id, olive);
    expect(await tilesOf(olive)).toMatchObject([{ id: theirs.id }]);
    expect(await leaveShare(caller(olive), { id: theirs.id })).toMatchObject({ ok: true });
    expect(await tilesOf(olive)).toEqual([]);
    expect(await db.credentialShare.count()).toBe(0);
    expect(await leaveShare(caller(olive), { id: theirs.id })).toMatchObject({
      ok: false,
      reason: "not-found",
      message: /no longer shared with you/,
    });
  });
});
