import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Caller, Person } from "@/lib/auth/person";

import { setUpIntegrationTests, testCaller } from "./setup";

// Rename and Delete of sources and destinations (lib/endpoints/), the commands the pages and the
// API share: owner or admin only (anyone else's is "not found"), names unique per owner and
// kind, and once its last use is deleted a credential can be deleted.

// The first save of a file loads the app and warms the database: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
const { database } = await setUpIntegrationTests();
const [
  { createCredential },
  { deleteCredential },
  { createEndpoint },
  { renameEndpoint },
  { deleteEndpoint },
  { removePerson },
] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/delete-credential"),
  import("@/lib/endpoints/create-endpoint"),
  import("@/lib/endpoints/rename-endpoint"),
  import("@/lib/endpoints/delete-endpoint"),
  import("@/lib/people/remove-person"),
]);

const mia: Person = { id: "mia", name: "Mia", email: "mia@example.test", role: "member" };
const max: Person = { id: "max", name: "Max", email: "max@example.test", role: "member" };
const as = (person: Person): Caller => ({ person, clientKey: "endpoint-tests" });

async function setUp(owner: Person) {
  const credential = await createCredential(as(owner), {
    connector: "clickup",
    name: `Main ${randomBytes(3).toString("hex")}`,
    apiKey: `pk_good_${randomBytes(8).toString("hex")}`,
  });
  if (!credential.ok) throw new Error(credential.message);
  const make = async (kind: string, name: string) => {
    const created = await createEndpoint(as(owner), {
      kind,
      connector: "clickup",
      credentialId: credential.data.id,
      name,
      workspaceId: "9001",
    });
    if (!created.ok) throw new Error(created.message);
    return created.data.id;
  };
  return { credentialId: credential.data.id, source: await make("source", "Tasks"), make };
}

beforeEach(async () => {
  for (const table of ["Endpoint", "CredentialEvent", "CredentialShare", "Credential"])
    await database.execute(`DELETE FROM "${table}"`);
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

describe("renaming a source or destination", () => {
  it("renames its owner's, trimmed, and refuses a name the owner already uses for that kind", async () => {
    const { source, make } = await setUp(mia);
    const renamed = await renameEndpoint(as(mia), { kind: "source", id: source, name: "  Sprint board " });
    expect(renamed).toMatchObject({ ok: true, data: { id: source, name: "Sprint board" } });
    await make("source", "Backlog");
    const clash = await renameEndpoint(as(mia), { kind: "source", id: source, name: "backlog" });
    expect(clash).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: expect.stringMatching(/already exists/) },
    });
    // A destination may share a source's name.
    const destination = await make("destination", "Warehouse");
    expect(await renameEndpoint(as(mia), { kind: "destination", id: destination, name: "Backlog" })).toMatchObject({
      ok: true,
    });
  });

  it("is 'not found' for someone else's, or with the wrong kind; the admin may rename anyone's", async () => {
    const { source } = await setUp(mia);
    for (const attempt of [
      renameEndpoint(as(max), { kind: "source", id: source, name: "Mine now" }),
      renameEndpoint(as(mia), { kind: "destination", id: source, name: "Mine now" }),
    ])
      expect(await attempt).toMatchObject({
        ok: false,
        reason: "not-found",
        message: expect.stringMatching(/no longer exists/),
      });
    expect(await database.queryRows('SELECT name FROM "Endpoint"')).toEqual([{ name: "Tasks" }]);
    expect(await renameEndpoint(testCaller, { kind: "source", id: source, name: "By the admin" })).toMatchObject({
      ok: true,
    });
  });

  it("refuses a blank or invisible-character name with a field error", async () => {
    const { source } = await setUp(mia);
    for (const name of ["   ", "Tas\u200bks"])
      expect(await renameEndpoint(as(mia), { kind: "source", id: source, name })).toMatchObject({
        ok: false,
        reason: "invalid",
        fieldErrors: { name: expect.any(String) },
      });
  });
});

describe("deleting a source or destination", () => {
  it("deletes its owner's, records it in the credential's Activity, and then frees the credential", async () => {
    const { source, credentialId } = await setUp(mia);
    expect(await deleteCredential(as(mia), { id: credentialId })).toMatchObject({
      ok: false,
      reason: "in-use",
      usedBy: [{ id: source }],
    });
    expect(await deleteEndpoint(as(mia), { kind: "source", id: source })).toEqual({
      ok: true,
      data: { name: "Tasks" },
    });
    expect(await database.queryRows('SELECT id FROM "Endpoint"')).toEqual([]);
    const events = await database.queryRows(
      'SELECT type, "actorName", detail FROM "CredentialEvent" WHERE type = ?',
      "endpoint_deleted",
    );
    expect(events).toEqual([
      { type: "endpoint_deleted", actorName: "Mia", detail: 'The source "Tasks" that used it was deleted.' },
    ]);
    expect(await deleteCredential(as(mia), { id: credentialId })).toMatchObject({ ok: true });
  });

  it("is 'not found' for someone else's and when already deleted", async () => {
    const { source } = await setUp(mia);
    expect(await deleteEndpoint(as(max), { kind: "source", id: source })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect(await deleteEndpoint(as(mia), { kind: "destination", id: source })).toMatchObject({
      ok: false,
      reason: "not-found",
    });
    expect(await database.queryRows('SELECT id FROM "Endpoint"')).toHaveLength(1);
    expect(await deleteEndpoint(testCaller, { kind: "source", id: source })).toMatchObject({ ok: true });
    expect(await deleteEndpoint(testCaller, { kind: "source", id: source })).toMatchObject({
      ok: false,
      reason: "not-found",
      message: expect.stringMatching(/no longer exists/),
    });
  });
});

describe("removing a person", () => {
  it("hands their sources to the admin even when both used one idempotency key (the key is cleared)", async () => {
    const idempotencyKey = "0b7e8f8e-8a55-4c57-9b55-1f0f7d1f2a10";
    for (const person of [mia, testCaller.person]) {
      const credential = await createCredential(as(person), {
        connector: "clickup",
        name: `Keyed ${person.id}`,
        apiKey: `pk_good_${randomBytes(8).toString("hex")}`,
      });
      if (!credential.ok) throw new Error(credential.message);
      const created = await createEndpoint(as(person), {
        kind: "source",
        connector: "clickup",
        credentialId: credential.data.id,
        name: `Keyed source ${person.id}`,
        workspaceId: "9001",
        idempotencyKey,
      });
      expect(created.ok).toBe(true);
    }
    expect(await removePerson(testCaller, { id: mia.id })).toMatchObject({ ok: true });
    const rows = await database.queryRows('SELECT "ownerId", "idempotencyKey" FROM "Endpoint" ORDER BY name');
    expect(rows).toEqual([
      { ownerId: testCaller.person.id, idempotencyKey },
      { ownerId: testCaller.person.id, idempotencyKey: null },
    ]);
  });
});
