import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { setUpIntegrationTests, testCaller } from "./setup";

// The server actions read the client address and revalidate pages through Next; outside a request
// those throw, so they are stood in for here. Everything below them runs for real.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// The actions read the session first; here the signed-in admin is asking (sessions: accounts.test.ts).
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const { TEST_ADMIN } = await import("./test-database");
  return {
    ...(await importOriginal<typeof import("@/lib/auth/session")>()),
    getSignedInPerson: async () => TEST_ADMIN,
    getSignedInSession: async () => ({ person: TEST_ADMIN, sessionId: "test-session" }),
  };
});

const { database, clickUp } = await setUpIntegrationTests();
const [{ createCredential }, { replaceCredentialToken }, actions, dbModule] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/replace-credential-token"),
  import("@/lib/credentials/actions"),
  import("@/lib/db/client"),
]);

/** A token whose every part is recognisable if it turns up anywhere. */
const secretToken = () => `pk_good_LEAKCHECK${randomBytes(10).toString("hex")}`;
const rows = () => database.queryRows('SELECT * FROM "Credential"');

// A trigger that refuses writes to a table. PostgreSQL runs a trigger function; SQLite has RAISE.
const postgres = database.kind === "postgresql";
if (postgres) {
  await database.execute(
    `CREATE FUNCTION "simulated_write_failure"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated write failure'; END $$`,
  );
}
const triggers: { name: string; table: string }[] = [];
async function refuse(event: "INSERT" | "UPDATE", table: string) {
  const name = `fail_${event.toLowerCase()}_${table}`;
  triggers.push({ name, table });
  const action = postgres
    ? `FOR EACH ROW EXECUTE FUNCTION "simulated_write_failure"()`
    : `BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END`;
  await database.execute(`CREATE TRIGGER "${name}" BEFORE ${event} ON "${table}" ${action}`);
}
async function removeTriggers() {
  for (const { name, table } of triggers.splice(0))
    await database.execute(`DROP TRIGGER IF EXISTS "${name}"${postgres ? ` ON "${table}"` : ""}`);
}
const failInsertInto = (table: string) => refuse("INSERT", table);
const failUpdateOf = (table: string) => refuse("UPDATE", table);

/** Runs a call, keeping what it returned or threw. */
async function outcome(run: () => Promise<unknown>): Promise<{ threw: boolean; value: unknown }> {
  try {
    return { threw: false, value: await run() };
  } catch (error) {
    return { threw: true, value: error };
  }
}

/** Everything a logger or an error page could print of a value: message, stack, causes, hidden fields. */
function printable(value: unknown): string {
  const error = value as { message?: unknown; stack?: unknown } | undefined;
  return [
    String(value),
    String(error?.message),
    String(error?.stack),
    inspect(value, { depth: 20, showHidden: true }),
  ].join("\n");
}

function expectNoTrace(text: string, token: string) {
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.slice("pk_good_".length));
  expect(text).not.toContain(token.slice(-12, -4));
}

let consoleOutput: () => string;

beforeEach(async () => {
  clickUp.beforeAnswer = undefined;
  await removeTriggers();
  const db = dbModule.getDb();
  await db.$transaction([db.credential.deleteMany(), db.credentialEvent.deleteMany()]);
  clickUp.requests.length = 0;
  const spies = (["error", "warn", "log", "info", "debug"] as const).map((level) =>
    vi.spyOn(console, level).mockImplementation(() => undefined),
  );
  consoleOutput = () =>
    spies
      .flatMap((spy) => spy.mock.calls.flat())
      .map(printable)
      .join("\n");
});

/** Ways the database can refuse the write after ClickUp has accepted the token. */
const createFailures: [string, () => Promise<void>][] = [
  ["the credential insert is refused", () => failInsertInto("Credential")],
  ["the Activity insert in the same transaction is refused", () => failInsertInto("CredentialEvent")],
  [
    "the Credential table disappears while ClickUp answers",
    async () => {
      clickUp.beforeAnswer = async () => {
        await database.execute(`ALTER TABLE "Credential" RENAME TO "Credential_gone"`);
      };
    },
  ],
];
const replaceFailures: [string, () => Promise<void>][] = [
  ["the credential update is refused", () => failUpdateOf("Credential")],
  ["the Activity insert in the same transaction is refused", () => failInsertInto("CredentialEvent")],
];

/** Undoes the rename of the "table disappears" case, if it happened. */
async function restoreCredentialTable() {
  if ((await database.tableNames()).includes("Credential_gone"))
    await database.execute(`ALTER TABLE "Credential_gone" RENAME TO "Credential"`);
}

async function existingCredential() {
  const created = await createCredential(testCaller, { connector: "clickup", name: "Existing", apiKey: secretToken() });
  if (!created.ok) throw new Error(created.message);
  clickUp.requests.length = 0;
  return created.data;
}

describe("createCredential when the database write fails after ClickUp verified the token", () => {
  afterEach(restoreCredentialTable);

  it.each(createFailures)(
    "%s: stores nothing, and neither the error nor the log holds the token",
    async (_case, breakDatabase) => {
      const token = secretToken();
      await breakDatabase();
      const result = await outcome(() =>
        createCredential(testCaller, { connector: "clickup", name: "Doomed", apiKey: token }),
      );
      expect(clickUp.requests).toEqual([{ path: "/api/v2/user", authorization: token }]); // the token really was in play
      expect(result.threw).toBe(true);
      expectNoTrace(printable(result.value), token);
      expectNoTrace(consoleOutput(), token);
      await restoreCredentialTable();
      expect(await rows()).toEqual([]);
    },
  );

  it.each(createFailures)(
    "%s: the save action answers with a generic message and logs the failure without the token",
    async (_case, breakDatabase) => {
      const token = secretToken();
      await breakDatabase();
      const result = await actions.createCredentialAction("clickup", {
        name: "Doomed",
        description: "x",
        apiKey: token,
      });
      expect(result).toEqual({
        ok: false,
        reason: "bug",
        message: "Something went wrong on our side while saving. Nothing was stored; please try again.",
      });
      expect(vi.mocked(console.error)).toHaveBeenCalledWith(expect.stringMatching(/^\[credentials\] saving failed: /));
      expectNoTrace(consoleOutput(), token);
    },
  );
});

describe("replacing or verifying a token when the database write fails after ClickUp answered", () => {
  it.each(replaceFailures)(
    "%s: the service's error holds no trace of the new token and the old one stays",
    async (_case, breakDatabase) => {
      const credential = await existingCredential();
      const before = await rows();
      const token = secretToken();
      await breakDatabase();
      const result = await outcome(() =>
        replaceCredentialToken(testCaller, { id: credential.id, version: credential.version, apiKey: token }),
      );
      expect(clickUp.requests).toEqual([{ path: "/api/v2/user", authorization: token }]);
      expect(result.threw).toBe(true);
      expectNoTrace(printable(result.value), token);
      expectNoTrace(consoleOutput(), token);
      expect(await rows()).toEqual(before);
    },
  );

  it.each(replaceFailures)(
    "%s: the replace action logs the failure without the token",
    async (_case, breakDatabase) => {
      const credential = await existingCredential();
      const token = secretToken();
      await breakDatabase();
      const result = await actions.replaceCredentialTokenAction({
        id: credential.id,
        version: credential.version,
        apiKey: token,
      });
      expect(result).toEqual({
        ok: false,
        reason: "bug",
        message: expect.stringMatching(/^Something went wrong on our side/),
      });
      expect(vi.mocked(console.error)).toHaveBeenCalledWith(
        expect.stringMatching(/^\[credentials\] replace token failed: /),
      );
      expectNoTrace(consoleOutput(), token);
    },
  );

  it("the verify action, failing to record ClickUp's answer, logs without the stored token", async () => {
    const token = secretToken();
    const created = await createCredential(testCaller, { connector: "clickup", name: "Stored", apiKey: token });
    if (!created.ok) throw new Error(created.message);
    await failUpdateOf("Credential");
    const result = await actions.verifyCredentialAction({ id: created.data.id });
    expect(result).toEqual({
      ok: false,
      reason: "bug",
      message: expect.stringMatching(/^Something went wrong on our side/),
    });
    expect(clickUp.requests.at(-1)).toEqual({ path: "/api/v2/user", authorization: token });
    expect(vi.mocked(console.error)).toHaveBeenCalledWith(expect.stringMatching(/^\[credentials\] verify failed: /));
    expectNoTrace(consoleOutput(), token);
  });
});
