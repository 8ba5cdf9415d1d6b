import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import { setUpIntegrationTests, testCaller } from "./setup";

// What ClickUp sends back (an account's name and email, Workspace names) is chosen by whoever
// controls the ClickUp account. It is cleaned before it is stored: no bidi controls or hidden
// characters, a capped length, and never the token itself.

const { database, clickUp } = await setUpIntegrationTests();
const [{ createCredential }, { verifyCredential }, { createEndpoint }, { getCredential }] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/verify-credential"),
  import("@/lib/endpoints/create-endpoint"),
  import("@/lib/credentials/queries"),
]);

const RLO = "\u202e";
/** Bidi controls, zero-width and other invisible or control characters. */
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

async function storedText(): Promise<string> {
  const tables = await Promise.all(
    ["Credential", "CredentialEvent", "Endpoint"].map(async (table) =>
      JSON.stringify(await database.queryRows(`SELECT * FROM "${table}"`)),
    ),
  );
  return tables.join(" ");
}

describe("a credential saved against a hostile ClickUp answer", () => {
  it("stores the account name and Workspace names cleaned and capped, and never the token", async () => {
    const token = `pk_good_${randomBytes(12).toString("hex")}`;
    clickUp.customAnswers.set(token, {
      user: {
        id: 4242,
        username: `Mallory ${RLO}txt.exe\u202c\u200b ${"x".repeat(400)}`,
        email: `${token}@evil.test`,
      },
      teams: [
        { id: "9101", name: `\u2067Ops${RLO} ecapskroW\u2069\u0000` },
        { id: "9102", name: `Team ${token.toUpperCase()}` },
      ],
    });

    const created = await createCredential(testCaller, {
      connector: "clickup",
      name: "Hostile account",
      description: "",
      apiKey: token,
    });
    expect(created).toMatchObject({ ok: true });
    if (!created.ok) return;

    const [row] = await database.queryRows<{ accountId: string; accountName: string; accountEmail: string }>(
      'SELECT "accountId", "accountName", "accountEmail" FROM "Credential" WHERE id = ?',
      created.data.id,
    );
    expect(row.accountId).toBe("4242");
    expect(row.accountName).not.toMatch(HIDDEN);
    expect(row.accountName.startsWith("Mallory txt.exe x")).toBe(true);
    expect([...row.accountName]).toHaveLength(200);
    expect(row.accountEmail).toBe("(hidden)");
    // What the pages get is the same.
    expect(created.data.account).toEqual({ id: "4242", name: row.accountName, email: "(hidden)" });

    const source = await createEndpoint(testCaller, {
      kind: "source",
      connector: "clickup",
      credentialId: created.data.id,
      name: "Ops tasks",
      workspaceId: "9101",
    });
    expect(source).toMatchObject({ ok: true });
    const leaky = await createEndpoint(testCaller, {
      kind: "source",
      connector: "clickup",
      credentialId: created.data.id,
      name: "Leaky tasks",
      workspaceId: "9102",
    });
    expect(leaky).toMatchObject({ ok: true });
    const endpoints = await database.queryRows<{ name: string; workspaceName: string }>(
      'SELECT name, "workspaceName" FROM "Endpoint" ORDER BY name',
    );
    expect(endpoints).toEqual([
      { name: "Leaky tasks", workspaceName: "(hidden)" },
      { name: "Ops tasks", workspaceName: "Ops ecapskroW" },
    ]);

    // A later check (Verify now) refreshes the account's name: cleaned the same way.
    clickUp.customAnswers.set(token, {
      user: { id: 4242, username: `\u2066Mallory\u2069 ${RLO}2`, email: "mallory@evil.test\u200b" },
      teams: [],
    });
    expect(await verifyCredential(testCaller, { id: created.data.id })).toMatchObject({ ok: true });
    const [after] = await database.queryRows<{ accountName: string; accountEmail: string }>(
      'SELECT "accountName", "accountEmail" FROM "Credential" WHERE id = ?',
      created.data.id,
    );
    expect(after).toEqual({ accountName: "Mallory 2", accountEmail: "mallory@evil.test" });

    // Nothing stored anywhere (rows, Activity) holds a hidden character or the token.
    const stored = await storedText();
    expect(stored).not.toMatch(/\\u202e|\\u2067|\\u200b|\\u0000/i);
    expect(stored).not.toMatch(HIDDEN);
    for (const secret of [token, token.toUpperCase(), token.slice(0, -4), token.slice(8)])
      expect(stored).not.toContain(secret);
  });

  it("shows an account stored before answers were cleaned without its hidden characters", async () => {
    const created = await createCredential(testCaller, {
      connector: "clickup",
      name: "Stored long ago",
      description: "",
      apiKey: `pk_good_${randomBytes(12).toString("hex")}`,
    });
    if (!created.ok) throw new Error(created.message);
    await database.execute(
      'UPDATE "Credential" SET "accountName" = ?, "accountEmail" = ? WHERE id = ?',
      `Ada ${RLO}ecalevoL\u200b`,
      "\u2066ada@example.test\u2069",
      created.data.id,
    );
    expect((await getCredential(testCaller.person, created.data.id))?.account).toMatchObject({
      name: "Ada ecalevoL",
      email: "ada@example.test",
    });
  });
});
