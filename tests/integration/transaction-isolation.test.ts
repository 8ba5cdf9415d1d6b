import { describe, expect, it } from "vitest";

import { setUpIntegrationTests } from "./setup";

// SQLite through better-sqlite3 has one connection per process: without lib/db/transaction-gate.ts
// another request's query issued while a transaction is open runs inside it — sees its
// uncommitted rows and is rolled back with it. PostgreSQL gives each transaction a connection of
// its own; the same promises must hold there.
const { database } = await setUpIntegrationTests();
const [db, rateLimit] = await Promise.all([import("@/lib/db/client"), import("@/lib/security/rate-limit")]);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function insertCredential(tx: Parameters<Parameters<typeof db.inTransaction>[0]>[0], name: string) {
  const now = new Date();
  return tx.credential.create({
    data: {
      id: name,
      connector: "clickup",
      name,
      nameKey: name,
      secretCiphertext: "v1.a.b.c",
      secretKeyId: "k",
      secretLast4: "abcd",
      accountId: "1",
      accountName: "A",
      accountEmail: "a@example.test",
      lastVerifiedAt: now,
    },
  });
}

describe(`a transaction on ${database.kind === "sqlite" ? "the embedded SQLite database" : "PostgreSQL"}`, () => {
  it("does not take other requests' writes down with it when it rolls back", async () => {
    const failing = db.inTransaction(async (tx) => {
      await insertCredential(tx, "rolled-back");
      await pause(100);
      throw new Error("rollback on purpose");
    });
    await pause(20);
    // Another request, meanwhile: a rate-limit count that must survive the rollback.
    const decision = rateLimit.consumeRateLimit("isolation", 5, 60_000);
    await expect(failing).rejects.toThrow("rollback on purpose");
    expect(await decision).toEqual({ allowed: true });
    expect(await db.getDb().rateLimitWindow.findMany({ where: { key: "isolation" } })).toHaveLength(1);
    expect((await database.queryRows('SELECT "name" FROM "Credential"')).map((row) => row.name)).not.toContain(
      "rolled-back",
    );
  });

  it("does not let other requests read its uncommitted rows", async () => {
    const abandoned = db.inTransaction(async (tx) => {
      await insertCredential(tx, "never-committed");
      await pause(100);
      throw new Error("abandoned");
    });
    await pause(20);
    const seenMeanwhile = await db.getDb().credential.count({ where: { name: "never-committed" } });
    await expect(abandoned).rejects.toThrow("abandoned");
    expect(seenMeanwhile).toBe(0);
  });
});

describe("a transaction the database already ended by itself", () => {
  // SQLite rolls a transaction back on its own after some errors (I/O errors, an interrupt). The
  // ROLLBACK Prisma then sends fails ("no transaction is active"), and Prisma skips the adapter's
  // rollback() — which is what releases the SQLite gate and the adapter's lock. Played here by
  // ending the transaction from inside it.
  it.runIf(database.kind === "sqlite")("leaves the database usable for every other request", async () => {
    await expect(
      db.inTransaction(async (tx) => {
        await tx.$executeRawUnsafe("ROLLBACK");
        throw new Error("failed after SQLite ended the transaction");
      }),
    ).rejects.toThrow("failed after SQLite ended the transaction");
    const afterwards = Promise.race([
      db.getDb().credential.count(),
      pause(3_000).then(() => "still waiting after 3 s"),
    ]);
    expect(await afterwards).toEqual(expect.any(Number));
    const transactionAfterwards = Promise.race([
      db.inTransaction((tx) => tx.credential.count()),
      pause(3_000).then(() => "still waiting after 3 s"),
    ]);
    expect(await transactionAfterwards).toEqual(expect.any(Number));
  });

  it.runIf(database.kind === "sqlite")("fails its commit, and leaves the database usable", async () => {
    await expect(
      db.inTransaction(async (tx) => {
        await tx.$executeRawUnsafe("ROLLBACK");
        return "done";
      }),
    ).rejects.toThrow(/no transaction is active/);
    const afterwards = Promise.race([
      db.inTransaction((tx) => tx.credential.count()),
      pause(3_000).then(() => "still waiting after 3 s"),
    ]);
    expect(await afterwards).toEqual(expect.any(Number));
  });
});
