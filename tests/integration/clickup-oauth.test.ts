import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { parseKeyRing } from "@/lib/crypto/key-ring";
import { openSecret } from "@/lib/crypto/secret-box";

import { OAUTH_CLIENT } from "./fake-clickup-server";
import { setUpIntegrationTests, testCaller } from "./setup";

const APP_URL = "https://credentials.example.test";
const { database, clickUp, keyRingText } = await setUpIntegrationTests({
  clickUpTimeoutMs: 500,
  oauth: {
    clientId: OAUTH_CLIENT.id,
    clientSecret: OAUTH_CLIENT.secret,
    appUrl: APP_URL,
    appBaseUrl: "https://app.clickup.test",
  },
});
const [
  store,
  outcomes,
  { exchangeClickUpCode, clickUpOAuthApp, CLICKUP_OAUTH_MESSAGES },
  flow,
  { verifyCredential },
  { listWorkspacesForCredential },
  { CLICKUP_MESSAGES },
] = await Promise.all([
  import("@/lib/oauth/state-store"),
  import("@/lib/oauth/outcome-store"),
  import("@/lib/connectors/clickup/oauth"),
  Promise.all([
    import("@/lib/oauth/start-connection"),
    import("@/lib/oauth/start-reconnect"),
    import("@/lib/oauth/finish-connection"),
    import("@/lib/oauth/messages"),
    import("@/lib/oauth/outcome"),
  ]).then((modules) => Object.assign({}, ...modules) as UnionToIntersection<(typeof modules)[number]>),
  import("@/lib/credentials/verify-credential"),
  import("@/lib/endpoints/list-workspaces"),
  import("@/lib/connectors/clickup/responses"),
]);
const config = clickUpOAuthApp()!;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

const SESSION = "session-1";
const binding = { personId: testCaller.person.id, sessionId: SESSION };
const caller = { ...testCaller, sessionId: SESSION };
const form = (name = `Marketing ${randomBytes(3).toString("hex")}`) => ({
  connector: "clickup",
  kind: "source" as const,
  returnPath: "/sources/new/clickup",
  name,
  description: "Read tasks",
});
const credentialCount = async () => (await database.queryRows('SELECT id FROM "Credential"')).length;

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
  clickUp.tokenRequests.length = 0;
  clickUp.requests.length = 0;
});

describe("the OAuth state store", () => {
  it("gives a random state that finishes one flow, for its person and session, with the form it was made for", async () => {
    const pending = form();
    const state = await store.createOAuthState(binding, pending);
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(await store.createOAuthState(binding, pending)).not.toBe(state);
    expect(await store.consumeOAuthState(binding, state)).toEqual({ ok: true, form: pending });
    expect(await store.consumeOAuthState(binding, state)).toEqual({ ok: false, reason: "unknown" });
  });

  it("stores only a hash of the state", async () => {
    const state = await store.createOAuthState(binding, form());
    expect(JSON.stringify(await database.queryRows('SELECT * FROM "OAuthState"'))).not.toContain(state);
  });

  it("expires after 10 minutes, and an expired state is used up too", async () => {
    const made = new Date("2026-11-30T12:00:00Z");
    const pending = form();
    const state = await store.createOAuthState(binding, pending, made);
    const late = new Date(made.getTime() + store.OAUTH_STATE_LIFETIME_MS);
    expect(await store.consumeOAuthState(binding, state, late)).toEqual({
      ok: false,
      reason: "expired",
      form: pending,
    });
    expect(await store.consumeOAuthState(binding, state, made)).toEqual({ ok: false, reason: "unknown" });
  });

  it("is refused to another person and to another session of the same person, and burnt by them", async () => {
    const state = await store.createOAuthState(binding, form());
    expect(await store.consumeOAuthState({ personId: "someone-else", sessionId: SESSION }, state)).toEqual({
      ok: false,
      reason: "foreign",
    });
    expect(await store.consumeOAuthState(binding, state)).toEqual({ ok: false, reason: "unknown" });
    const second = await store.createOAuthState(binding, form());
    expect(await store.consumeOAuthState({ ...binding, sessionId: "session-2" }, second)).toEqual({
      ok: false,
      reason: "foreign",
    });
  });

  it("knows nothing of made-up or malformed states", async () => {
    for (const state of ["", "short", "x".repeat(500), randomBytes(32).toString("base64url")])
      expect(await store.consumeOAuthState(binding, state)).toEqual({ ok: false, reason: "unknown" });
  });

  it("lets only one of two callbacks racing with one state through", async () => {
    const state = await store.createOAuthState(binding, form());
    const results = await Promise.all([
      store.consumeOAuthState(binding, state),
      store.consumeOAuthState(binding, state),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });
});

// Issue #27 item 3: the callback keeps how the flow ended in a one-time record and redirects with
// only its random id; the page it returns to reads it once (a crafted link carries no outcome).
describe("the OAuth outcome store", () => {
  const connected = (credentialId = `cred-${randomBytes(3).toString("hex")}`) => ({
    returnPath: "/sources/new/clickup?name=Draft",
    result: { ok: true as const, credential: { id: credentialId } as never, reconnected: false },
  });
  const page = "/sources/new/clickup";

  it("is read once, by the person and session it was made for, on the page it was made for", async () => {
    const id = await outcomes.recordOAuthOutcome(binding, connected("cred-1"));
    expect(id).toMatch(/^[\w-]{43}$/);
    expect(await outcomes.takeOAuthOutcome(binding, id, page)).toEqual({
      ok: true,
      credentialId: "cred-1",
      reconnected: false,
    });
    expect(await outcomes.takeOAuthOutcome(binding, id, page)).toBeUndefined();
  });

  it("keeps a failure's reason and, for a new credential, the form as typed; the message is made on reading", async () => {
    const pending = form();
    const id = await outcomes.recordOAuthOutcome(binding, flow.oauthFailed("name-taken", pending));
    expect(await outcomes.takeOAuthOutcome(binding, id, page)).toEqual({
      ok: false,
      reason: "name-taken",
      message: flow.oauthFailureMessage("name-taken", pending.name),
      form: { name: pending.name, description: pending.description },
    });
    // A Reconnect's failure returns to the credential's page, without a form to show again.
    const reconnect = { ...pending, returnPath: "/credentials/cred-2", credentialId: "cred-2" };
    const second = await outcomes.recordOAuthOutcome(binding, flow.oauthFailed("account-changed", reconnect));
    expect(await outcomes.takeOAuthOutcome(binding, second, "/credentials/cred-2")).toEqual({
      ok: false,
      reason: "account-changed",
      message: flow.OAUTH_MESSAGES.accountChanged,
    });
  });

  it("shows nothing to another person, another session or another page, and is used up by them", async () => {
    for (const [who, where] of [
      [{ personId: "someone-else", sessionId: SESSION }, page],
      [{ ...binding, sessionId: "session-2" }, page],
      [binding, "/destinations/new/clickup"],
    ] as const) {
      const id = await outcomes.recordOAuthOutcome(binding, connected());
      expect(await outcomes.takeOAuthOutcome(who, id, where)).toBeUndefined();
      expect(await outcomes.takeOAuthOutcome(binding, id, page)).toBeUndefined();
    }
  });

  it("shows nothing once expired, nor for made-up or malformed ids", async () => {
    const made = new Date("2026-11-30T12:00:00Z");
    const id = await outcomes.recordOAuthOutcome(binding, connected(), made);
    const late = new Date(made.getTime() + outcomes.OAUTH_OUTCOME_LIFETIME_MS);
    expect(await outcomes.takeOAuthOutcome(binding, id, page, late)).toBeUndefined();
    for (const made_up of [undefined, "", "connected", "x".repeat(500), randomBytes(32).toString("base64url")])
      expect(await outcomes.takeOAuthOutcome(binding, made_up, page)).toBeUndefined();
  });

  it("stores only a hash of the id", async () => {
    const id = await outcomes.recordOAuthOutcome(binding, connected());
    expect(JSON.stringify(await database.queryRows('SELECT * FROM "OAuthOutcome"'))).not.toContain(id);
  });
});

describe("the code exchange with ClickUp's token endpoint", () => {
  it("posts client_id, client_secret and code as a form body (nothing in the URL) and returns the access token", async () => {
    clickUp.oauthCodes.set("code_good_1", "oat_good_exchange1");
    expect(await exchangeClickUpCode(config, "code_good_1")).toEqual({ ok: true, accessToken: "oat_good_exchange1" });
    expect(clickUp.tokenRequests).toEqual([
      {
        url: "/api/v2/oauth/token",
        body: `client_id=${OAUTH_CLIENT.id}&client_secret=${OAUTH_CLIENT.secret}&code=code_good_1`,
      },
    ]);
  });

  it.each([
    ["a reused code", "code_good_1", "rejected", CLICKUP_OAUTH_MESSAGES.codeRejected, {}],
    ["an unknown code (OAUTH_* error)", "code_unknown", "rejected", CLICKUP_OAUTH_MESSAGES.codeRejected, {}],
    ["a 500", "code_500", "unavailable", CLICKUP_MESSAGES.unavailable, {}],
    ["an HTML page", "code_html", "unavailable", CLICKUP_MESSAGES.unavailable, {}],
    // The one failure told by a flag, not by its message: it has an OAuth reason of its own ("no-token").
    [
      "an answer without access_token",
      "code_notoken",
      "unavailable",
      CLICKUP_OAUTH_MESSAGES.noToken,
      { noToken: true },
    ],
    ["silence (past CLICKUP_TIMEOUT_MS)", "code_silent", "timed-out", CLICKUP_MESSAGES.timedOut, {}],
  ])(
    "reports %s (code %s) as a failure, with nothing secret in the result or the log",
    async (_, code, kind, message, flags) => {
      const result = await exchangeClickUpCode(config, code);
      expect(result).toEqual({ ok: false, failure: { kind, message }, ...flags });
      const said = JSON.stringify([result, warn.mock.calls]);
      expect(said).not.toContain(OAUTH_CLIENT.secret);
      expect(said).not.toContain(code);
    },
  );

  it("reports a wrong client secret as rejected", async () => {
    clickUp.oauthCodes.set("code_good_2", "oat_good_exchange2");
    const result = await exchangeClickUpCode({ ...config, clientSecret: "wrong" }, "code_good_2");
    expect(result).toMatchObject({ ok: false, failure: { kind: "rejected" } });
  });
});

describe("Connect to ClickUp, start to finish", () => {
  async function start(pending = form()) {
    const started = await flow.startOAuthConnection(caller, pending);
    if (!started.ok) throw new Error(started.message);
    return new URL(started.data.authorizeUrl).searchParams.get("state")!;
  }

  it("sends the person to ClickUp's authorise page with client_id, the redirect URL and a state", async () => {
    const started = await flow.startOAuthConnection(caller, form());
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const url = new URL(started.data.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe("https://app.clickup.test/api");
    expect(url.searchParams.get("client_id")).toBe(OAUTH_CLIENT.id);
    expect(url.searchParams.get("redirect_uri")).toBe(`${APP_URL}/oauth/clickup/callback`);
    expect(url.searchParams.get("state")).toMatch(/^[\w-]{43}$/);
    expect(started.data.authorizeUrl).not.toContain(OAUTH_CLIENT.secret);
  });

  it("refuses a return path off the site and a bad name before going anywhere", async () => {
    expect(await flow.startOAuthConnection(caller, { ...form(), returnPath: "https://evil.example/" })).toMatchObject({
      ok: false,
      reason: "malformed",
    });
    expect(await flow.startOAuthConnection(caller, { ...form(), name: "" })).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { name: expect.any(String) },
    });
  });

  it("stores an OAuth credential, sealed with the key ring, sent as Bearer from then on", async () => {
    const pending = form();
    const state = await start(pending);
    clickUp.oauthCodes.set("code_round_trip", "oat_good_roundtrip");
    const outcome = await flow.finishOAuthConnection(caller, "clickup", { state, code: "code_round_trip" });
    expect(outcome).toMatchObject({
      returnPath: "/sources/new/clickup",
      result: {
        ok: true,
        credential: { name: pending.name, description: "Read tasks", account: { name: "Ada Lovelace" } },
      },
    });
    if (!outcome.result.ok) return;
    const id = outcome.result.credential.id;
    const [row] = await database.queryRows('SELECT * FROM "Credential" WHERE id = ?', id);
    expect(row.authMethod).toBe("oauth");
    const token = openSecret(
      parseKeyRing(keyRingText, "test"),
      { keyId: String(row.secretKeyId), ciphertext: String(row.secretCiphertext) },
      `credential:${id}`,
    );
    expect(token).toBe("oat_good_roundtrip");
    expect(JSON.stringify(outcome)).not.toContain("oat_good_roundtrip");

    clickUp.requests.length = 0;
    expect(await verifyCredential(testCaller, { id })).toMatchObject({ ok: true });
    expect(await listWorkspacesForCredential(testCaller.person, "clickup", id)).toMatchObject({ ok: true });
    expect(clickUp.requests.map((r) => r.authorization)).toEqual([
      "Bearer oat_good_roundtrip",
      "Bearer oat_good_roundtrip",
    ]);
    // The same state cannot finish a second flow.
    clickUp.oauthCodes.set("code_round_trip_2", "oat_good_roundtrip2");
    expect(await flow.finishOAuthConnection(caller, "clickup", { state, code: "code_round_trip_2" })).toMatchObject({
      returnPath: "/credentials",
      result: { ok: false, reason: "unknown-state", message: flow.OAUTH_MESSAGES.unknownState },
    });
  });

  it.each([
    ["a denied authorisation", { error: "access_denied" }, "denied", flow.OAUTH_MESSAGES.denied],
    ["a return without code", {}, "missing-code", flow.OAUTH_MESSAGES.missingCode],
    ["a used or unknown code", { code: "code_unknown" }, "code-rejected", CLICKUP_OAUTH_MESSAGES.codeRejected],
    ["a token endpoint 500", { code: "code_500" }, "unavailable", CLICKUP_MESSAGES.unavailable],
    ["a token endpoint HTML page", { code: "code_html" }, "unavailable", CLICKUP_MESSAGES.unavailable],
    ["a token answer without access_token", { code: "code_notoken" }, "no-token", CLICKUP_OAUTH_MESSAGES.noToken],
    ["a silent token endpoint", { code: "code_silent" }, "timed-out", CLICKUP_MESSAGES.timedOut],
  ])("after %s, stores nothing and returns to the form with a message", async (_, params, reason, message) => {
    const before = await credentialCount();
    const pending = form();
    const state = await start(pending);
    expect(await flow.finishOAuthConnection(caller, "clickup", { state, ...params })).toEqual({
      returnPath: pending.returnPath,
      form: pending,
      result: { ok: false, reason, message },
    });
    expect(await credentialCount()).toBe(before);
  });

  it("stores nothing when ClickUp rejects the new token, or for another session's state", async () => {
    const before = await credentialCount();
    clickUp.oauthCodes.set("code_bad_token", "oat_revoked_1");
    const state = await start();
    expect(await flow.finishOAuthConnection(caller, "clickup", { state, code: "code_bad_token" })).toMatchObject({
      result: { ok: false, reason: "token-rejected" },
    });
    const foreign = await start();
    clickUp.oauthCodes.set("code_foreign", "oat_good_foreign");
    expect(
      await flow.finishOAuthConnection({ ...caller, sessionId: "session-2" }, "clickup", {
        state: foreign,
        code: "code_foreign",
      }),
    ).toEqual({
      returnPath: "/credentials",
      result: { ok: false, reason: "foreign-state", message: flow.OAUTH_MESSAGES.foreignState },
    });
    expect(clickUp.oauthCodes.has("code_foreign")).toBe(true); // never exchanged
    expect(await credentialCount()).toBe(before);
  });

  it("turns only known reasons into messages", () => {
    expect(flow.oauthFailureMessage("denied")).toBe(flow.OAUTH_MESSAGES.denied);
    expect(flow.oauthFailureMessage("name-taken", "Marketing")).toContain("Marketing");
    expect(flow.oauthFailureMessage("<script>")).toBeUndefined();
    expect(flow.oauthFailureMessage(undefined)).toBeUndefined();
  });
});
