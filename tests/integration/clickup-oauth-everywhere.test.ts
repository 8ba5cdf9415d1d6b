import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Caller, Person } from "@/lib/auth/person";
import { parseKeyRing } from "@/lib/crypto/key-ring";
import { openSecret } from "@/lib/crypto/secret-box";

import { OAUTH_CLIENT } from "./fake-clickup-server";
import { setUpIntegrationTests, testCaller } from "./setup";

// An OAuth credential beyond Connect to ClickUp (issue #16, "everywhere else"): Reconnect instead
// of Replace token, the method shown wherever a credential is, and sharing with the right header.

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.10" }) }));

const { database, clickUp, keyRingText } = await setUpIntegrationTests({
  oauth: {
    clientId: OAUTH_CLIENT.id,
    clientSecret: OAUTH_CLIENT.secret,
    appUrl: "https://credentials.example.test",
    appBaseUrl: "https://app.clickup.test",
  },
});
const [
  { startOAuthConnection },
  { startOAuthReconnect },
  { finishOAuthConnection },
  { OAUTH_MESSAGES },
  { createCredential },
  { replaceCredentialToken },
  { shareCredential },
  { verifyCredential },
  { getCredential, listCredentialsPage, listCredentialEvents },
  { listWorkspacesForCredential },
  { CREDENTIAL_MESSAGES },
  { createApiKey },
  credentialRoute,
  tokenRoute,
  dbModule,
] = await Promise.all([
  import("@/lib/oauth/start-connection"),
  import("@/lib/oauth/start-reconnect"),
  import("@/lib/oauth/finish-connection"),
  import("@/lib/oauth/messages"),
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/replace-credential-token"),
  import("@/lib/credentials/share-credential"),
  import("@/lib/credentials/verify-credential"),
  import("@/lib/credentials/queries"),
  import("@/lib/endpoints/list-workspaces"),
  import("@/lib/credentials/messages"),
  import("@/lib/api-keys/create-api-key"),
  import("@/app/api/v1/credentials/[id]/route"),
  import("@/app/api/v1/credentials/[id]/token/route"),
  import("@/lib/db/client"),
]);
const db = dbModule.getDb();

const SESSION = "session-everywhere";
const caller = { ...testCaller, sessionId: SESSION };
const mia: Person = { id: "mia", name: "Mia", email: "mia@example.test", role: "member" };
const miaCaller: Caller = { person: mia, clientKey: "oauth-everywhere" };
const suffix = () => randomBytes(4).toString("hex");

/** Runs the whole Connect to ClickUp flow with `accessToken` as what ClickUp issues. */
async function connect(accessToken = `oat_good_${suffix()}`) {
  const started = await startOAuthConnection(caller, {
    connector: "clickup",
    kind: "source",
    returnPath: "/sources/new/clickup",
    name: `OAuth ${suffix()}`,
    description: "",
  });
  if (!started.ok) throw new Error(started.message);
  const code = `code_${suffix()}`;
  clickUp.oauthCodes.set(code, accessToken);
  const outcome = await finishOAuthConnection(caller, "clickup", { state: stateOf(started.data.authorizeUrl), code });
  if (!outcome.result.ok) throw new Error(outcome.result.message);
  return { credential: outcome.result.credential, accessToken };
}

async function reconnect(id: string, accessToken: string) {
  const started = await startOAuthReconnect(caller, { id });
  if (!started.ok) throw new Error(started.message);
  const code = `code_${suffix()}`;
  clickUp.oauthCodes.set(code, accessToken);
  return finishOAuthConnection(caller, "clickup", { state: stateOf(started.data.authorizeUrl), code });
}

/** Saves an API-key credential (a pasted personal token) for the test caller. */
async function pasteCredential() {
  const pasted = await createCredential(testCaller, {
    connector: "clickup",
    name: `Pasted ${suffix()}`,
    description: "",
    apiKey: `pk_good_${suffix()}`,
  });
  if (!pasted.ok) throw new Error(pasted.message);
  return pasted;
}

const stateOf = (authorizeUrl: string) => new URL(authorizeUrl).searchParams.get("state")!;

async function storedToken(id: string) {
  const [row] = await database.queryRows('SELECT * FROM "Credential" WHERE id = ?', id);
  return {
    row,
    token: openSecret(
      parseKeyRing(keyRingText, "test"),
      { keyId: String(row.secretKeyId), ciphertext: String(row.secretCiphertext) },
      `credential:${id}`,
    ),
  };
}

beforeEach(async () => {
  await db.user.upsert({ where: { id: mia.id }, update: {}, create: { ...mia } });
  clickUp.requests.length = 0;
  clickUp.customAnswers.clear();
});

describe("an OAuth credential is told apart from an API-key one", () => {
  it('says "oauth" or "api-key" in what pages and the API get', async () => {
    const { credential } = await connect();
    expect(credential.authMethod).toBe("oauth");
    const pasted = await createCredential(testCaller, {
      connector: "clickup",
      name: `Pasted ${suffix()}`,
      description: "",
      apiKey: `pk_good_${suffix()}`,
    });
    expect(pasted).toMatchObject({ ok: true, data: { authMethod: "api-key" } });
    const page = await listCredentialsPage(testCaller.person, { limit: 100 });
    const methods = new Map(page.credentials.map((c) => [c.id, c.authMethod]));
    expect(methods.get(credential.id)).toBe("oauth");
    expect(methods.get(pasted.ok ? pasted.data.id : "")).toBe("api-key");
  });
});

describe("Reconnect", () => {
  it("replaces the token with a new one of the same ClickUp account, records it, and Bearer uses the new one", async () => {
    const { credential, accessToken } = await connect();
    const renewed = `oat_good_${suffix()}`;
    const outcome = await reconnect(credential.id, renewed);
    expect(outcome).toMatchObject({
      returnPath: `/credentials/${credential.id}`,
      result: { ok: true, reconnected: true, credential: { id: credential.id, version: credential.version + 1 } },
    });
    const { row, token } = await storedToken(credential.id);
    expect(token).toBe(renewed);
    expect(row.authMethod).toBe("oauth");
    expect(row.secretLast4).toBe(renewed.slice(-4));
    const [event] = await listCredentialEvents(credential.id);
    expect(event.detail).toContain(
      `Reconnected with OAuth: token ending …${accessToken.slice(-4)} replaced by one ending …${renewed.slice(-4)}`,
    );
    expect(JSON.stringify([outcome, event])).not.toContain(renewed);

    clickUp.requests.length = 0;
    expect(await listWorkspacesForCredential(testCaller.person, "clickup", credential.id)).toMatchObject({ ok: true });
    expect(clickUp.requests.map((r) => r.authorization)).toEqual([`Bearer ${renewed}`]);
  });

  it("changes nothing when ClickUp authorised another account, and says what to do", async () => {
    const { credential, accessToken } = await connect();
    const other = `oat_good_${suffix()}`;
    clickUp.customAnswers.set(`Bearer ${other}`, {
      user: { id: 2002, username: "Grace Hopper", email: "grace@example.test" },
      teams: [],
    });
    const outcome = await reconnect(credential.id, other);
    expect(outcome).toMatchObject({
      returnPath: `/credentials/${credential.id}`,
      result: { ok: false, reason: "account-changed", message: OAUTH_MESSAGES.accountChanged },
    });
    const { row, token } = await storedToken(credential.id);
    expect(token).toBe(accessToken);
    expect(row.version).toBe(credential.version);
  });

  it("says the credential is gone when it was deleted while the person was at ClickUp", async () => {
    const { credential } = await connect();
    const started = await startOAuthReconnect(caller, { id: credential.id });
    if (!started.ok) throw new Error(started.message);
    await db.credential.delete({ where: { id: credential.id } });
    const code = `code_${suffix()}`;
    clickUp.oauthCodes.set(code, `oat_good_${suffix()}`);
    const outcome = await finishOAuthConnection(caller, "clickup", { state: stateOf(started.data.authorizeUrl), code });
    expect(outcome).toMatchObject({
      result: { ok: false, reason: "credential-gone", message: CREDENTIAL_MESSAGES.notFound },
    });
    expect(await db.credential.count({ where: { id: credential.id } })).toBe(0);
  });

  it("is refused for an API-key credential, for someone it is only shared with, and for an unknown id", async () => {
    const pasted = await pasteCredential();
    expect(await startOAuthReconnect(caller, { id: pasted.data.id })).toEqual({
      ok: false,
      reason: "refused",
      message: OAUTH_MESSAGES.notOAuth,
    });
    const { credential } = await connect();
    expect(await shareCredential(testCaller, { id: credential.id, userId: mia.id })).toMatchObject({ ok: true });
    expect(await startOAuthReconnect({ ...miaCaller, sessionId: "mia-session" }, { id: credential.id })).toEqual({
      ok: false,
      reason: "not-owner",
      message: CREDENTIAL_MESSAGES.ownerOnly,
    });
    expect(await startOAuthReconnect(caller, { id: "no-such-credential" })).toEqual({
      ok: false,
      reason: "not-found",
      message: CREDENTIAL_MESSAGES.notFound,
    });
    expect(await db.oAuthState.count({ where: { credentialId: { not: null }, userId: mia.id } })).toBe(0);
  });
});

describe("Replace token on an OAuth credential", () => {
  it("is refused (a pasted personal token would be sent as Bearer), and nothing changes", async () => {
    const { credential, accessToken } = await connect();
    clickUp.requests.length = 0;
    const result = await replaceCredentialToken(testCaller, {
      id: credential.id,
      version: credential.version,
      apiKey: `pk_good_${suffix()}`,
    });
    expect(result).toEqual({ ok: false, reason: "reconnect-instead", message: CREDENTIAL_MESSAGES.reconnectInstead });
    expect((await storedToken(credential.id)).token).toBe(accessToken);
    expect(clickUp.requests).toEqual([]);
  });
});

describe("Verify now on a credential whose token can no longer be decrypted", () => {
  it("tells the person to Reconnect an OAuth credential, and to replace the token of an API-key one", async () => {
    const { credential } = await connect();
    const pasted = await pasteCredential();
    // As if the key that sealed them was removed from the key ring.
    await db.credential.updateMany({
      where: { id: { in: [credential.id, pasted.data.id] } },
      data: { secretKeyId: "removed-key" },
    });

    const oauth = await verifyCredential(testCaller, { id: credential.id });
    expect(oauth).toEqual({
      ok: false,
      reason: "credential-unusable",
      message: CREDENTIAL_MESSAGES.unreadableReconnect,
    });
    expect(CREDENTIAL_MESSAGES.unreadableReconnect).toMatch(/Reconnect/);
    const personal = await verifyCredential(testCaller, { id: pasted.data.id });
    expect(personal).toEqual({ ok: false, reason: "credential-unusable", message: CREDENTIAL_MESSAGES.unreadable });
    expect(CREDENTIAL_MESSAGES.unreadable).toMatch(/Replace the token/);
  });
});

describe("a shared OAuth credential", () => {
  it("lists Workspaces for the person it is shared with, sending the owner's access token as Bearer", async () => {
    const { credential, accessToken } = await connect();
    expect(await shareCredential(testCaller, { id: credential.id, userId: mia.id })).toMatchObject({ ok: true });
    expect(await getCredential(mia, credential.id)).toMatchObject({ authMethod: "oauth", access: "shared" });
    clickUp.requests.length = 0;
    expect(await listWorkspacesForCredential(mia, "clickup", credential.id)).toMatchObject({ ok: true });
    expect(clickUp.requests.map((r) => r.authorization)).toEqual([`Bearer ${accessToken}`]);
  });
});

describe("the API and an OAuth credential", () => {
  it('shows authMethod "oauth", and refuses a pasted token with 409 and what to do instead', async () => {
    const { credential, accessToken } = await connect();
    const made = await createApiKey(testCaller, { name: `Script ${suffix()}` });
    if (!made.ok) throw new Error(made.message);
    const authorization = `Bearer ${made.data.key}`;
    const params = { params: Promise.resolve({ id: credential.id }) as Promise<never> };
    const url = `http://localhost:3000/api/v1/credentials/${credential.id}`;

    const read = await credentialRoute.GET(new Request(url, { headers: { authorization } }), params);
    expect(read.status).toBe(200);
    const readText = await read.text();
    expect(JSON.parse(readText)).toMatchObject({ id: credential.id, authMethod: "oauth" });
    expect(readText).not.toContain(accessToken);

    const replaced = await tokenRoute.PUT(
      new Request(`${url}/token`, {
        method: "PUT",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify({ apiKey: `pk_good_${suffix()}` }),
      }),
      params,
    );
    expect(replaced.status).toBe(409);
    expect(await replaced.json()).toMatchObject({ detail: CREDENTIAL_MESSAGES.reconnectInstead });
    expect((await storedToken(credential.id)).token).toBe(accessToken);
  });
});
