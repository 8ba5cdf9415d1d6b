import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";

import { setUpIntegrationTests, testCaller } from "./setup";

const SAVES = 50;
const { database, clickUp } = await setUpIntegrationTests({ clickUpTimeoutMs: 5_000 });
const [{ createCredential }, dbModule] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/db/client"),
]);

const goodToken = () => `pk_good_${randomBytes(12).toString("hex")}`;
const credentialRows = () => database.queryRows('SELECT * FROM "Credential"');

beforeEach(async () => {
  const db = dbModule.getDb();
  await db.$transaction([db.credential.deleteMany(), db.credentialEvent.deleteMany(), db.rateLimitWindow.deleteMany()]);
  clickUp.requests.length = 0;
  // ClickUp takes a moment, so every save passes the "name taken?" pre-check before any inserts.
  clickUp.beforeAnswer = () => new Promise((resolve) => setTimeout(resolve, 20));
});

describe(`${SAVES} simultaneous saves of one name`, { timeout: 30_000 }, () => {
  it("store exactly one credential; every other save is told the name already exists, and none throws", async () => {
    const tokens = Array.from({ length: SAVES }, goodToken);
    const names = tokens.map((_, i) => ["Marketing", "marketing", " MARKETING "][i % 3]);
    const settled = await Promise.allSettled(
      tokens.map((apiKey, i) =>
        createCredential(testCaller, { connector: "clickup", name: names[i], description: `save ${i}`, apiKey }),
      ),
    );

    expect(settled.filter((outcome) => outcome.status === "rejected")).toEqual([]);
    const results = settled.map(
      (outcome) => (outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof createCredential>>>).value,
    );
    const saved = results.filter((result) => result.ok);
    const refused = results.filter((result) => !result.ok);
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(SAVES - 1);
    for (const result of refused) {
      expect(result).toEqual({
        ok: false,
        reason: "invalid",
        message: expect.stringMatching(/^A ClickUp credential named ".*" already exists\. Choose another name\.$/),
        fieldErrors: { name: expect.stringMatching(/already exists/) },
      });
    }

    const rows = await credentialRows();
    expect(rows).toHaveLength(1);
    const winner = results.indexOf(saved[0]);
    expect(rows[0]).toMatchObject({
      nameKey: "marketing",
      description: `save ${winner}`,
      secretLast4: tokens[winner].slice(-4),
    });
    // Every save reached ClickUp: the pre-check could not have stopped them, only the unique index.
    expect(clickUp.requests).toHaveLength(SAVES);
  });

  it("record one 'created' event, for the stored credential only", async () => {
    await Promise.allSettled(
      Array.from({ length: SAVES }, () =>
        createCredential(testCaller, { connector: "clickup", name: "Ops", apiKey: goodToken() }),
      ),
    );
    const [row] = await credentialRows();
    expect(await database.queryRows('SELECT * FROM "CredentialEvent"')).toEqual([
      expect.objectContaining({ credentialId: row.id, type: "created" }),
    ]);
  });

  it("count every token check against the client's allowance, including those of the refused saves", async () => {
    await Promise.allSettled(
      Array.from({ length: SAVES }, () =>
        createCredential(testCaller, { connector: "clickup", name: "Counted", apiKey: goodToken() }),
      ),
    );
    const windows = await dbModule
      .getDb()
      .rateLimitWindow.findMany({ where: { key: `token-check:${testCaller.clientKey}` } });
    expect(windows.reduce((sum, window) => sum + window.count, 0)).toBe(SAVES);
  });
});
