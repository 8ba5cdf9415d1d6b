import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { parseKeyRing } from "@/lib/crypto/key-ring";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";

import { startFakeClickUp, type FakeClickUp } from "./fake-clickup-server";
import { configureApp, disconnectApp, testCaller } from "./setup";
import { createTestDatabase, type TestDatabase } from "./test-database";

const TOTAL = 300;
const VIA_SERVICE = 5;
const OLD = `old:${randomBytes(32).toString("base64")}`;
const NEW = `new:${randomBytes(32).toString("base64")}`;
const ROTATING = `${NEW},${OLD}`;

type Modules = {
  rotation: typeof import("@/lib/credentials/rotate-credential-keys") & typeof import("@/lib/credentials/queries");
  service: typeof import("@/lib/credentials/create-credential");
};
type Row = Record<string, unknown>;

let clickUp: FakeClickUp, database: TestDatabase, modules: Modules | undefined;
/** Every credential's original token, by id. */
let tokens: Map<string, string>;

const goodToken = () => `pk_good_${randomBytes(12).toString("hex")}`;
const context = (id: string) => `credential:${id}`;
const rows = () => database.queryRows('SELECT * FROM "Credential"');
const byId = (list: Row[]) => new Map(list.map((row) => [String(row.id), row]));
const open = (ringText: string, row: Row) =>
  openSecret(
    parseKeyRing(ringText, "test"),
    { keyId: String(row.secretKeyId), ciphertext: String(row.secretCiphertext) },
    context(String(row.id)),
  );
/** The columns rotation must never touch. */
const untouchable = ({ secretKeyId, secretCiphertext, updatedAt, ...rest }: Row) => (
  void [secretKeyId, secretCiphertext, updatedAt],
  rest
);

/** (Re)loads the app's modules with this key ring: env, key ring and Prisma client are all cached. */
async function load(ringText: string): Promise<Modules> {
  await configureApp({ databaseUrl: database.url, clickUpBaseUrl: clickUp.baseUrl, keyRingText: ringText });
  const [rotate, queries, service] = await Promise.all([
    import("@/lib/credentials/rotate-credential-keys"),
    import("@/lib/credentials/queries"),
    import("@/lib/credentials/create-credential"),
  ]);
  modules = { rotation: { ...rotate, ...queries }, service };
  return modules;
}

/** TOTAL credentials sealed with "old": a few through the service, the rest written as it writes them. */
async function seedWithOldKey() {
  const { service } = await load(OLD);
  for (let i = 1; i <= VIA_SERVICE; i++) {
    const token = goodToken();
    const created = await service.createCredential(testCaller, {
      connector: "clickup",
      name: `Cred ${String(i).padStart(3, "0")}`,
      apiKey: token,
    });
    if (!created.ok) throw new Error(created.message);
    tokens.set(created.data.id, token);
  }
  const [template] = await rows();
  const ring = parseKeyRing(OLD, "test");
  const seeded = Array.from({ length: TOTAL - VIA_SERVICE }, (_, index): Row => {
    const id = randomUUID();
    // The first is an OAuth credential (issue #16): rotation must keep it one, sent as Bearer.
    const token = index === 0 ? `oat_good_${randomBytes(10).toString("hex")}` : goodToken();
    const name = `Cred ${String(VIA_SERVICE + 1 + index).padStart(3, "0")}`;
    const sealed = sealSecret(ring, token, context(id));
    tokens.set(id, token);
    return {
      ...template,
      id,
      name,
      nameKey: name.toLowerCase(),
      secretKeyId: sealed.keyId,
      secretCiphertext: sealed.ciphertext,
      secretLast4: token.slice(-4),
      authMethod: index === 0 ? "oauth" : "api-key",
    };
  });
  // One multi-row INSERT: one statement, one commit.
  const columns = Object.keys(template);
  const values = seeded.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ");
  await database.execute(
    `INSERT INTO "Credential" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${values}`,
    ...seeded.flatMap((row) => columns.map((c) => row[c])),
  );
  expect((await rows()).every((row) => row.secretKeyId === "old")).toBe(true);
}

/** Stops rotateCredentialKeys after its second batch, as a crash or Ctrl-C would. */
function interruptAfterSecondBatch() {
  let batches = 0;
  return (movedSoFar: number) => {
    batches += 1;
    if (batches === 2) throw new Error(`interrupted after ${movedSoFar}`);
  };
}

/** Makes the database refuse to write Activity for the credential of this name (a trigger). */
async function refuseActivityFor(name: string) {
  if (database.kind === "postgresql") {
    await database.execute(
      `CREATE FUNCTION "refuse_activity"() RETURNS trigger AS $body$ BEGIN
         IF NEW."credentialName" = '${name}' THEN RAISE EXCEPTION 'Activity write refused by the test'; END IF;
         RETURN NEW;
       END $body$ LANGUAGE plpgsql`,
    );
    await database.execute(
      `CREATE TRIGGER "refuse_activity" BEFORE INSERT ON "CredentialEvent" FOR EACH ROW EXECUTE FUNCTION "refuse_activity"()`,
    );
  } else {
    await database.execute(
      `CREATE TRIGGER "refuse_activity" BEFORE INSERT ON "CredentialEvent"
       WHEN NEW."credentialName" = '${name}'
       BEGIN SELECT RAISE(ABORT, 'Activity write refused by the test'); END`,
    );
  }
}

beforeEach(async () => {
  // A fresh fake per test: a kept-alive socket to an earlier one could be reset mid-request.
  clickUp = await startFakeClickUp();
  database = await createTestDatabase();
  tokens = new Map();
  await seedWithOldKey();
  await load(ROTATING);
});

afterEach(async () => {
  await disconnectApp();
  modules = undefined;
  await clickUp.close();
  await database.remove();
});

// Each moved row is its own transaction (row and Activity entry together): hundreds of commits per
// test, which on PostgreSQL on a loaded two-core machine took up to 19 s.
describe("rotateCredentialKeys", { timeout: 60_000 }, () => {
  it("keeps the two finished batches of an interrupted run, leaves the rest untouched, and a second run moves only the remainder", async () => {
    const before = byId(await rows());
    const { rotation } = modules!;
    await expect(
      rotation.rotateCredentialKeys({ batchSize: 50, onBatch: interruptAfterSecondBatch() }),
    ).rejects.toThrow("interrupted after 100");

    const afterInterruption = await rows();
    const moved = afterInterruption.filter((row) => row.secretKeyId === "new");
    expect(moved).toHaveLength(100);
    for (const row of afterInterruption) {
      const original = before.get(String(row.id))!;
      if (row.secretKeyId === "new") {
        expect(row.secretCiphertext).not.toBe(original.secretCiphertext);
        expect(untouchable(row)).toEqual(untouchable(original));
      } else {
        expect(row).toEqual(original);
      }
      expect(open(ROTATING, row)).toBe(tokens.get(String(row.id)));
    }

    const report = await rotation.rotateCredentialKeys({ batchSize: 50 });
    expect(report).toEqual({
      activeKeyId: "new",
      moved: TOTAL - 100,
      unreadable: [],
      keysInUse: { new: TOTAL },
      // No webhooks here: tests/integration/webhooks.test.ts rotates theirs.
      webhooks: { moved: 0, unreadable: [], keysInUse: {} },
    });
    const movedFirst = new Set(moved.map((row) => String(row.id)));
    for (const row of await rows()) {
      // The first run's rows were not sealed a second time.
      if (movedFirst.has(String(row.id)))
        expect(row.secretCiphertext).toBe(byId(moved).get(String(row.id))!.secretCiphertext);
    }
    expect(await rotation.countCredentialsByKey()).toEqual({ new: TOTAL });
  });

  it("leaves every token readable, as it was, once the old key is removed from the ring", async () => {
    expect((await modules!.rotation.rotateCredentialKeys({ batchSize: 50 })).moved).toBe(TOTAL);
    const { rotation } = await load(NEW);
    expect(await rotation.findCredentialsWithMissingKeys()).toEqual([]);
    const stored = await rows();
    expect(stored).toHaveLength(TOTAL);
    for (const row of stored) expect(open(NEW, row)).toBe(tokens.get(String(row.id)));
    expect(() => open(OLD, stored[0])).toThrow(); // truly re-encrypted, not relabelled
    const oauth = stored.find((row) => row.authMethod === "oauth")!;
    const { verifyCredential } = await import("@/lib/credentials/verify-credential");
    clickUp.requests.length = 0;
    expect(await verifyCredential(testCaller, { id: oauth.id })).toMatchObject({ ok: true });
    expect(clickUp.requests.map((r) => r.authorization)).toEqual([`Bearer ${tokens.get(String(oauth.id))}`]);
  });

  it("reports a damaged credential by name, leaves it byte for byte as it was, and still moves every other one", async () => {
    const victim = (await rows()).find((row) => row.name === "Cred 042")!;
    const parts = String(victim.secretCiphertext).split(".");
    parts[3] = (parts[3].startsWith("A") ? "B" : "A") + parts[3].slice(1);
    await database.execute(`UPDATE "Credential" SET "secretCiphertext" = ? WHERE "id" = ?`, parts.join("."), victim.id);
    const damaged = byId(await rows()).get(String(victim.id));

    const report = await modules!.rotation.rotateCredentialKeys({ batchSize: 50 });
    expect(report).toEqual({
      activeKeyId: "new",
      moved: TOTAL - 1,
      unreadable: [{ id: victim.id, name: "Cred 042", keyId: "old", reason: "authentication-failed" }],
      keysInUse: { new: TOTAL - 1, old: 1 },
      webhooks: { moved: 0, unreadable: [], keysInUse: {} },
    });
    expect(byId(await rows()).get(String(victim.id))).toEqual(damaged);
    // A later run tries it again and still leaves it alone.
    expect(await modules!.rotation.rotateCredentialKeys({ batchSize: 50 })).toMatchObject({
      moved: 0,
      unreadable: [{ name: "Cred 042" }],
    });
  });

  it("lists, by name, exactly the credentials whose key id is not in the ring", async () => {
    await modules!.rotation
      .rotateCredentialKeys({ batchSize: 50, onBatch: interruptAfterSecondBatch() })
      .catch(() => undefined);
    const { rotation } = await load(NEW);
    const stillOld = (await rows())
      .filter((row) => row.secretKeyId === "old")
      .map((row) => ({ name: String(row.name), keyId: "old" }));
    expect(stillOld).toHaveLength(TOTAL - 100);
    stillOld.sort((a, b) => a.name.localeCompare(b.name));
    expect(await rotation.findCredentialsWithMissingKeys()).toEqual(stillOld);

    await database.execute(`UPDATE "Credential" SET "secretKeyId" = 'retired' WHERE "name" = 'Cred 007'`);
    const listed = await rotation.findCredentialsWithMissingKeys();
    expect(listed).toContainEqual({ name: "Cred 007", keyId: "retired" });
    expect(listed.map((item) => item.name)).toEqual([...listed.map((item) => item.name)].sort());
  });

  it("re-encrypts a credential and writes its Activity entry together: when the entry cannot be written, the credential stays as it was", async () => {
    // The database itself refuses Cred 042's Activity entry, as a failed write (or a kill between
    // the two writes) would leave it.
    await refuseActivityFor("Cred 042");
    const before = byId(await rows());
    await expect(modules!.rotation.rotateCredentialKeys({ batchSize: 50 })).rejects.toThrow();

    const events = await database.queryRows('SELECT * FROM "CredentialEvent" WHERE "type" = \'key_rotated\'');
    const logged = new Set(events.map((event) => String(event.credentialId)));
    const after = await rows();
    const victim = after.find((row) => row.name === "Cred 042")!;
    expect(victim).toEqual(before.get(String(victim.id)));
    // No credential is left re-encrypted without its entry, nor an entry without its re-encryption.
    const rotated = new Set(after.filter((row) => row.secretKeyId === "new").map((row) => String(row.id)));
    expect(rotated).toEqual(logged);
    for (const row of after) expect(open(ROTATING, row)).toBe(tokens.get(String(row.id)));

    // Once the entry can be written, a second run finishes the job.
    await database.execute(
      `DROP TRIGGER "refuse_activity"${database.kind === "postgresql" ? ' ON "CredentialEvent"' : ""}`,
    );
    const report = await modules!.rotation.rotateCredentialKeys({ batchSize: 50 });
    expect(report.keysInUse).toEqual({ new: TOTAL });
    const allEvents = await database.queryRows('SELECT * FROM "CredentialEvent" WHERE "type" = \'key_rotated\'');
    expect(new Set(allEvents.map((event) => String(event.credentialId)))).toEqual(new Set(tokens.keys()));
  });

  it("records one 'key_rotated' event per moved credential, and no event holds a token", async () => {
    const report = await modules!.rotation.rotateCredentialKeys({ batchSize: 50 });
    const events = await database.queryRows('SELECT * FROM "CredentialEvent"');
    const rotated = events.filter((event) => event.type === "key_rotated");
    expect(rotated).toHaveLength(report.moved);
    expect(new Set(rotated.map((event) => event.credentialId))).toEqual(new Set(tokens.keys()));
    for (const event of rotated) expect(event.detail).toBe('Token re-encrypted from key "old" to key "new".');
    const text = JSON.stringify(events);
    for (const token of tokens.values()) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(token.slice("pk_good_".length, -4));
    }
  });
});
