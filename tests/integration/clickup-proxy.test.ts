import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Caller, Person } from "@/lib/auth/person";

import { setUpIntegrationTests, testCaller } from "./setup";

// The ClickUp proxy (lib/clickup-proxy/, app/api/v1/{credentials,sources,destinations}/[id]/clickup):
// driven as Next.js drives a route handler — a Request and its params — with real API keys, the
// real database and the fake ClickUp on loopback. A second loopback listener stands for "anywhere
// else": nothing the proxy does may ever reach it.

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.7" }) }));
vi.setConfig({ testTimeout: 30_000 });

// A low wait for a call over the rate budget (the budget's own tests cover waiting).
process.env.CLICKUP_PROXY_MAX_WAIT_MS = "200";
const { database, clickUp } = await setUpIntegrationTests();

// Every log line the app writes, to look for tokens in.
const logged: string[] = [];
for (const level of ["log", "info", "warn", "error", "debug"] as const)
  vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));

const [
  viaCredential,
  viaSource,
  viaDestination,
  { createApiKey },
  { revokeApiKey },
  { createCredential },
  { shareCredential },
  { unshareCredential },
  { setShareProxyAllowed },
  { proxyClickUpCall },
  { openApiDocument },
  { sealSecret },
  { getCredentialKeyRing },
  { credentialSecretContext },
] = await Promise.all([
  import("@/app/api/v1/credentials/[id]/clickup/[...path]/route"),
  import("@/app/api/v1/sources/[id]/clickup/[...path]/route"),
  import("@/app/api/v1/destinations/[id]/clickup/[...path]/route"),
  import("@/lib/api-keys/create-api-key"),
  import("@/lib/api-keys/revoke-api-key"),
  import("@/lib/credentials/create-credential"),
  import("@/lib/credentials/share-credential"),
  import("@/lib/credentials/unshare-credential"),
  import("@/lib/credentials/set-share-proxy"),
  import("@/lib/clickup-proxy/proxy-clickup-call"),
  import("@/lib/api/openapi"),
  import("@/lib/crypto/secret-box"),
  import("@/lib/config/encryption-keys"),
  import("@/lib/credentials/secret"),
]);

const mia: Person = { id: "mia", name: "Mia", email: "mia@example.test", role: "member" };
const max: Person = { id: "max", name: "Max", email: "max@example.test", role: "member" };
const admin = testCaller.person;
const caller = (person: Person): Caller => ({ person, clientKey: "clickup-proxy-tests" });
const keys = new Map<string, string>();
const tokens: string[] = [];
const goodToken = () => {
  const token = `pk_good_${randomBytes(12).toString("hex")}`;
  tokens.push(token);
  return token;
};

// Anywhere that is not ClickUp's API: must receive nothing, ever.
const elsewhere: string[] = [];
const elsewhereServer = http.createServer((req, res) => {
  elsewhere.push(`${req.method} ${req.url}`);
  res.end("you should not be here");
});
await new Promise<void>((listening) => elsewhereServer.listen(0, "127.0.0.1", listening));
const elsewhereAddress = `127.0.0.1:${(elsewhereServer.address() as AddressInfo).port}`;
clickUp.redirectTarget = `http://${elsewhereAddress}/stolen`;
afterAll(async () => {
  elsewhereServer.closeAllConnections();
  await new Promise((closed) => elsewhereServer.close(closed));
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const document: Json = openApiDocument();
const ROUTES = { credentials: viaCredential, sources: viaSource, destinations: viaDestination };
type Through = keyof typeof ROUTES;

interface Call {
  as?: Person | string | null;
  body?: BodyInit;
  headers?: Record<string, string>;
}

/**
 * One request to the ClickUp proxy, as Next.js hands it to the route: `rest` is everything after
 * `/clickup/` exactly as sent (the proxy reads the raw path itself). Answers the status, headers
 * and body, after checking the answer is one the OpenAPI document declares and holds no secret.
 */
async function proxied(method: string, through: Through, id: string, rest: string, call: Call = {}) {
  const { as = mia, body, headers = {} } = call;
  const authorization = as === null ? undefined : typeof as === "string" ? as : `Bearer ${keys.get(as.id)}`;
  const url = `http://localhost:3000/api/v1/${through}/${id}/clickup/${rest}`;
  const request = new Request(url, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  const segments = new URL(url).pathname.split("/clickup/")[1]?.split("/") ?? [];
  const handler = ROUTES[through][method as "GET"];
  const response = await handler(request, { params: Promise.resolve({ id, path: segments }) as Promise<never> });
  const text = await response.text();
  for (const secret of [...keys.values(), ...tokens]) expect(text).not.toContain(secret);
  for (const [name, value] of response.headers)
    for (const secret of tokens) expect(`${name}: ${value}`).not.toContain(secret);
  expectDeclared(method, through, response, text);
  return { status: response.status, headers: response.headers, text, json: parse(text) };
}

function parse(text: string): Json | null {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Our own answers (problem+json) must be declared for the operation; ClickUp's are passed through as they are. */
function expectDeclared(method: string, through: Through, response: Response, text: string) {
  const operation = document.paths[`/api/v1/${through}/{id}/clickup/{path}`]?.[method.toLowerCase()];
  expect(operation, `${method} ${through}: not in the OpenAPI document`).toBeTruthy();
  if (response.headers.get("x-answered-by") === "clickup") return;
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  const declared = operation.responses[String(response.status)];
  expect(declared, `${method} ${through} → ${response.status}: not declared`).toBeTruthy();
  const codes = declared.content["application/problem+json"].schema.allOf[1].properties.code.enum;
  expect(codes).toContain(parse(text)?.code);
}

async function credentialOf(person: Person, token = goodToken()) {
  const made = await createCredential(caller(person), {
    connector: "clickup",
    name: `Proxied ${randomBytes(4).toString("hex")}`,
    apiKey: token,
  });
  if (!made.ok) throw new Error(made.message);
  return { id: made.data.id, token };
}

async function endpointOf(person: Person, credentialId: string, kind: "source" | "destination" = "source") {
  const id = `ep${randomBytes(8).toString("hex")}`;
  await database.execute(
    `INSERT INTO "Endpoint" ("id", "kind", "connector", "name", "nameKey", "workspaceId", "workspaceName", "credentialId", "ownerId")
     VALUES (?, ?, 'clickup', ?, ?, '9001', 'Analytics Workspace', ?, ?)`,
    id,
    kind,
    `Tasks ${id}`,
    `tasks ${id}`,
    credentialId,
    person.id,
  );
  return id;
}

const proxyTestCalls = () => clickUp.requests.filter((request) => request.path.startsWith("/api/v2/proxy-test/"));

beforeEach(async () => {
  for (const table of [
    "Endpoint",
    "CredentialEvent",
    "CredentialCheck",
    "CredentialShare",
    "Credential",
    "ApiKey",
    "RateLimitWindow",
  ])
    await database.execute(`DELETE FROM "${table}"`);
  await database.execute('DELETE FROM "User" WHERE id <> ?', admin.id);
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
  keys.clear();
  for (const person of [mia, max, admin]) {
    const made = await createApiKey(caller(person), { name: `${person.name} pipeline` });
    if (!made.ok) throw new Error(made.message);
    keys.set(person.id, made.data.key);
  }
  clickUp.requests.length = 0;
  clickUp.proxyRequests.length = 0;
  clickUp.revokedTokens.clear();
});

describe("passing a call through", () => {
  it("sends method, path (segments joined by / or %2F), query and body to ClickUp with the stored token, and answers ClickUp's answer", async () => {
    const { id, token } = await credentialOf(mia);
    const body = JSON.stringify({ name: "A task", tags: ["x"] });
    const answer = await proxied(
      "POST",
      "credentials",
      id,
      "proxy-test/echo/list%2F901%2Ftask/more?archived=false&page=2",
      {
        body,
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          "accept-language": "en",
          // None of these may reach ClickUp: they could carry someone's other secrets.
          cookie: "session=abc",
          "proxy-authorization": "Basic c2VjcmV0",
          "x-api-key": "someone-elses",
          forwarded: "for=203.0.113.9",
          "x-forwarded-for": "203.0.113.9",
          "x-clickup-internal": "1",
          "next-action": "00ab",
        },
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-answered-by")).toBe("clickup");
    expect(answer.headers.get("content-type")).toBe("application/json");
    expect(answer.headers.get("x-ratelimit-limit")).toBe("100");
    expect(answer.headers.get("x-ratelimit-remaining")).toBe("57");
    expect(answer.headers.get("x-ratelimit-reset")).toMatch(/^\d+$/);
    // What ClickUp answers for itself stays with us.
    expect(answer.headers.get("set-cookie")).toBeNull();
    expect(answer.headers.get("x-internal-route")).toBeNull();

    const echo = answer.json!;
    expect(echo).toMatchObject({
      method: "POST",
      path: "/api/v2/proxy-test/echo/list/901/task/more",
      query: "?archived=false&page=2",
      body,
    });
    const sent = clickUp.proxyRequests[0];
    expect(sent.headers.authorization).toBe(token);
    expect(sent.headers["content-type"]).toBe("application/json");
    expect(sent.headers.accept).toBe("application/json");
    for (const dropped of [
      "cookie",
      "proxy-authorization",
      "x-api-key",
      "forwarded",
      "x-forwarded-for",
      "x-clickup-internal",
      "next-action",
    ])
      expect(sent.headers[dropped], dropped).toBeUndefined();
    // Our API key never goes to ClickUp.
    expect(JSON.stringify(sent.headers)).not.toContain(keys.get(mia.id)!);
  });

  it("takes every method ClickUp's API v2 uses", async () => {
    const { id } = await credentialOf(mia);
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE"]) {
      const answer = await proxied(method, "credentials", id, "proxy-test/echo/task/abc", {
        ...(method === "GET" || method === "DELETE"
          ? {}
          : { body: "{}", headers: { "content-type": "application/json" } }),
      });
      expect(answer.status, method).toBe(200);
      expect(answer.json?.method).toBe(method);
    }
  });

  it("passes ClickUp's own status, error body and Retry-After through, marked as ClickUp's", async () => {
    const { id } = await credentialOf(mia);
    // ClickUp's 429 last: it fills the token's rate budget, so the calls after it wait for us.
    for (const status of [400, 404, 418, 500, 503, 429]) {
      const answer = await proxied("GET", "credentials", id, `proxy-test/status/${status}`);
      expect(answer.status).toBe(status);
      expect(answer.headers.get("x-answered-by")).toBe("clickup");
      expect(answer.headers.get("content-type")).toBe("application/json");
      expect(answer.headers.get("retry-after")).toBe("7");
      expect(answer.json).toEqual({ err: "As asked", ECODE: `TEST_${status}` });
    }
  });

  it("sends an OAuth credential's token as Bearer", async () => {
    const { id } = await credentialOf(mia);
    const accessToken = `oat_good_${randomBytes(12).toString("hex")}`;
    tokens.push(accessToken);
    const sealed = sealSecret(getCredentialKeyRing(), accessToken, credentialSecretContext(id));
    await database.execute(
      `UPDATE "Credential" SET "secretCiphertext" = ?, "secretKeyId" = ?, "authMethod" = 'oauth' WHERE id = ?`,
      sealed.ciphertext,
      sealed.keyId,
      id,
    );
    const answer = await proxied("GET", "credentials", id, "proxy-test/echo/team");
    expect(answer.status).toBe(200);
    expect(clickUp.proxyRequests[0].headers.authorization).toBe(`Bearer ${accessToken}`);
  });

  it("uploads a multipart body (ClickUp's attachments) as sent, Next-Action header or not", async () => {
    const { id } = await credentialOf(mia);
    const form = new FormData();
    const file = randomBytes(300_000);
    form.append("attachment", new Blob([file], { type: "image/png" }), "shot.png");
    const encoded = new Request("http://x", { method: "POST", body: form });
    const contentType = encoded.headers.get("content-type")!;
    const bytes = Buffer.from(await encoded.arrayBuffer());
    const answer = await proxied("POST", "credentials", id, "proxy-test/echo/task/abc/attachment", {
      body: bytes,
      headers: { "content-type": contentType, "next-action": "deadbeef" },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      bodyBytes: bytes.length,
      bodySha256: createHash("sha256").update(bytes).digest("hex"),
    });
    expect(clickUp.proxyRequests[0].headers["content-type"]).toBe(contentType);
  });

  it("streams a large answer through, and stops one over its cap", async () => {
    const { id } = await credentialOf(mia);
    const { CLICKUP_PROXY_MAX_ANSWER_BYTES } = await import("@/lib/clickup-proxy/limits");
    const fits = await proxied("GET", "credentials", id, `proxy-test/large?bytes=${5 * 1024 * 1024}`);
    expect(fits.status).toBe(200);
    expect(fits.text.length).toBe(5 * 1024 * 1024);
    const request = new Request(
      `http://localhost:3000/api/v1/credentials/${id}/clickup/proxy-test/large?bytes=${CLICKUP_PROXY_MAX_ANSWER_BYTES + 1}`,
      { headers: { authorization: `Bearer ${keys.get(mia.id)}` } },
    );
    const response = await viaCredential.GET(request, {
      params: Promise.resolve({ id, path: ["proxy-test", "large"] }) as Promise<never>,
    });
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it("refuses a body over its cap before ClickUp sees it", async () => {
    const { id } = await credentialOf(mia);
    const { CLICKUP_PROXY_MAX_BODY_BYTES } = await import("@/lib/clickup-proxy/limits");
    const big = Buffer.alloc(CLICKUP_PROXY_MAX_BODY_BYTES + 1, "a");
    const declared = await proxied("POST", "credentials", id, "proxy-test/echo/upload", {
      body: big,
      headers: { "content-type": "application/octet-stream" },
    });
    expect(declared.status).toBe(413);
    expect(declared.json).toMatchObject({ code: "too-large" });
    expect(proxyTestCalls()).toEqual([]);
    // Streamed without a length: cut off at the cap.
    const streamed = await proxied("POST", "credentials", id, "proxy-test/echo/upload", {
      body: new Blob([big]).stream(),
      headers: { "content-type": "application/octet-stream" },
    });
    expect(streamed.status).toBe(413);
    expect(clickUp.proxyRequests.every((request) => request.body.length <= CLICKUP_PROXY_MAX_BODY_BYTES)).toBe(true);
  });

  it("bounds the wait for ClickUp's headers", async () => {
    const { id } = await credentialOf(mia);
    const started = Date.now();
    const answer = await proxied("GET", "credentials", id, "proxy-test/silent");
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ code: "clickup-unavailable" });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("only ClickUp's API v2", () => {
  it("refuses paths that could leave it, before calling anyone", async () => {
    const { id } = await credentialOf(mia);
    clickUp.requests.length = 0;
    const hostile = [
      "..%2Fuser",
      "%2e%2e/user",
      "%2E%2E%2Fuser",
      ".",
      "a%2F%2e%2Fb",
      "%252e%252e/user",
      "%2F%2F" + elsewhereAddress + "%2Fx",
      "a%2F%2Fb",
      "a/%2F/b",
      "http:%2F%2F" + elsewhereAddress + "%2Fx",
      "http%3A%2F%2F" + elsewhereAddress,
      "@" + elsewhereAddress + "/x",
      "user%40" + elsewhereAddress,
      "task%3Fx%3D1",
      "task%23frag",
      "task%5C..%5Cuser",
      "task%00",
      "t%C3%A2che",
      "user%20",
      "a%2F",
    ];
    for (const rest of hostile) {
      const answer = await proxied("GET", "credentials", id, rest);
      expect(answer.status, rest).toBe(400);
      expect(answer.json, rest).toMatchObject({ code: "malformed", detail: expect.stringContaining("ClickUp") });
    }
    // Paths the URL parser itself rewrites never reach a ClickUp proxy route with their dots; they
    // stay off ClickUp too when handed to the handler as they are.
    for (const raw of ["/api/v1/credentials/ID/clickup/../../../user", "//evil.example/clickup/user"]) {
      const answer = await proxyClickUpCall(
        { ...caller(mia) },
        new Request(`http://localhost:3000${raw.replace("ID", id)}`),
        { kind: "credential", id },
      );
      expect(answer.status, raw).toBeGreaterThanOrEqual(400);
    }
    expect(clickUp.requests).toEqual([]);
    expect(elsewhere).toEqual([]);
  });

  it("does not follow or pass on a ClickUp redirect", async () => {
    const { id } = await credentialOf(mia);
    const answer = await proxied("GET", "credentials", id, "proxy-test/redirect");
    expect(answer.status).toBe(502);
    expect(answer.json).toMatchObject({ code: "clickup-unavailable" });
    expect(answer.headers.get("location")).toBeNull();
    expect(elsewhere).toEqual([]);
    expect(clickUp.requests.every((request) => request.path.startsWith("/api/v2/"))).toBe(true);
  });
});

describe("who may proxy", () => {
  it("needs the person's use of the credential: not another member's, not the admin's sight", async () => {
    const { id } = await credentialOf(mia);
    for (const as of [max, admin]) {
      const answer = await proxied("GET", "credentials", id, "proxy-test/echo/x", { as });
      expect(answer.status).toBe(404);
      expect(answer.json).toMatchObject({ code: "not-found" });
    }
    expect((await proxied("GET", "credentials", "no-such-id", "proxy-test/echo/x")).status).toBe(404);
    expect((await proxied("GET", "credentials", id, "proxy-test/echo/x", { as: null })).status).toBe(401);
    expect(proxyTestCalls()).toEqual([]);
  });

  it("lets a person it is shared with proxy until the owner turns proxy use off or stops sharing", async () => {
    const { id } = await credentialOf(mia);
    expect(await shareCredential(caller(mia), { id, userId: max.id })).toEqual({ ok: true, data: null });
    expect((await proxied("GET", "credentials", id, "proxy-test/echo/x", { as: max })).status).toBe(200);

    // Only the owner switches it.
    expect(await setShareProxyAllowed(caller(max), { id, userId: max.id, allowed: true })).toMatchObject({ ok: false });
    expect(await setShareProxyAllowed(caller(admin), { id, userId: max.id, allowed: false })).toMatchObject({
      ok: false,
    });
    expect(await setShareProxyAllowed(caller(mia), { id, userId: max.id, allowed: false })).toEqual({
      ok: true,
      data: null,
    });
    const before = proxyTestCalls().length;
    expect((await proxied("GET", "credentials", id, "proxy-test/echo/x", { as: max })).status).toBe(404);
    expect(proxyTestCalls()).toHaveLength(before);
    // The owner's own use is untouched.
    expect((await proxied("GET", "credentials", id, "proxy-test/echo/x")).status).toBe(200);

    await setShareProxyAllowed(caller(mia), { id, userId: max.id, allowed: true });
    expect((await proxied("GET", "credentials", id, "proxy-test/echo/x", { as: max })).status).toBe(200);
    expect(await unshareCredential(caller(mia), { id, userId: max.id })).toMatchObject({ ok: true });
    expect((await proxied("GET", "credentials", id, "proxy-test/echo/x", { as: max })).status).toBe(404);
  });

  it("stops a revoked key at the next call", async () => {
    const { id } = await credentialOf(mia);
    expect((await proxied("GET", "credentials", id, "proxy-test/echo/x")).status).toBe(200);
    const [row] = await database.queryRows('SELECT id FROM "ApiKey" WHERE "userId" = ?', mia.id);
    await revokeApiKey(caller(mia), { id: row.id });
    expect((await proxied("GET", "credentials", id, "proxy-test/echo/x")).status).toBe(401);
  });

  it("proxies through a source's or destination's credential for its owner only", async () => {
    const { id: credentialId, token } = await credentialOf(mia);
    const source = await endpointOf(mia, credentialId, "source");
    const destination = await endpointOf(mia, credentialId, "destination");
    const viaSourceAnswer = await proxied("GET", "sources", source, "proxy-test/echo/list%2F1%2Ftask");
    expect(viaSourceAnswer.status).toBe(200);
    expect(viaSourceAnswer.json?.path).toBe("/api/v2/proxy-test/echo/list/1/task");
    expect(clickUp.proxyRequests.at(-1)?.headers.authorization).toBe(token);
    expect((await proxied("GET", "destinations", destination, "proxy-test/echo/x")).status).toBe(200);
    // A source is not a destination, and another person's (even the admin's sight of it) is not theirs.
    expect((await proxied("GET", "sources", destination, "proxy-test/echo/x")).status).toBe(404);
    for (const as of [max, admin])
      expect((await proxied("GET", "sources", source, "proxy-test/echo/x", { as })).status).toBe(404);

    // Max's own source on a credential Mia shares: proxy use follows the share's switch.
    await shareCredential(caller(mia), { id: credentialId, userId: max.id });
    const maxSource = await endpointOf(max, credentialId, "source");
    expect((await proxied("GET", "sources", maxSource, "proxy-test/echo/x", { as: max })).status).toBe(200);
    await setShareProxyAllowed(caller(mia), { id: credentialId, userId: max.id, allowed: false });
    expect((await proxied("GET", "sources", maxSource, "proxy-test/echo/x", { as: max })).status).toBe(404);
  });

  it("asks the API key whether it may proxy through this target (a key restricted elsewhere gets not-found)", async () => {
    const { id } = await credentialOf(mia);
    const source = await endpointOf(mia, id);
    const restricted = (targets: { credentialIds: string[]; endpointIds: string[] }): Caller => ({
      ...caller(mia),
      apiKey: { id: "k", name: "pipeline", scopes: ["proxy"], everyScope: false, proxyTargets: targets },
    });
    const request = (path: string) => new Request(`http://localhost:3000${path}`);
    const onlySource = restricted({ credentialIds: [], endpointIds: [source] });
    const viaItsSource = await proxyClickUpCall(
      onlySource,
      request(`/api/v1/sources/${source}/clickup/proxy-test/echo/x`),
      {
        kind: "source",
        id: source,
      },
    );
    expect(viaItsSource.status).toBe(200);
    const viaCredentialItself = await proxyClickUpCall(
      onlySource,
      request(`/api/v1/credentials/${id}/clickup/proxy-test/echo/x`),
      { kind: "credential", id },
    );
    expect(viaCredentialItself.status).toBe(404);
    const otherCredential = restricted({ credentialIds: ["someone-else"], endpointIds: [] });
    const refused = await proxyClickUpCall(
      otherCredential,
      request(`/api/v1/credentials/${id}/clickup/proxy-test/echo/x`),
      {
        kind: "credential",
        id,
      },
    );
    expect(refused.status).toBe(404);
    expect(proxyTestCalls()).toHaveLength(1);
  });
});

describe("the rate budget", () => {
  it("answers our own 429 with Retry-After when the budget refuses, without calling ClickUp", async () => {
    const { id } = await credentialOf(mia);
    await database.execute('UPDATE "Credential" SET "callsPerMinute" = 2 WHERE id = ?', id);
    let refused: Awaited<ReturnType<typeof proxied>> | undefined;
    let passed = 0;
    for (let i = 0; i < 5 && !refused; i++) {
      const answer = await proxied("GET", "credentials", id, "proxy-test/echo/x");
      if (answer.status === 200) passed += 1;
      else refused = answer;
    }
    expect(refused?.status).toBe(429);
    expect(refused?.json).toMatchObject({ code: "rate-limited" });
    expect(Number(refused?.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused?.headers.get("x-answered-by")).toBeNull();
    expect(proxyTestCalls()).toHaveLength(passed);
  });
});

describe("feeding the watch", () => {
  const checksOf = (id: string) =>
    database.queryRows(
      'SELECT trigger, outcome FROM "CredentialCheck" WHERE "credentialId" = ? AND trigger = ?',
      id,
      "proxy",
    );
  const stateOf = async (id: string) =>
    (await database.queryRows('SELECT state FROM "Credential" WHERE id = ?', id))[0]?.state;
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    for (let i = 0; i < 100; i++) {
      const value = await read();
      if (done(value)) return value;
      await new Promise((wait) => setTimeout(wait, 50));
    }
    return read();
  }

  it("checks the token at once after a refusal, and /user decides: a path that refuses leaves it ok", async () => {
    const { id } = await credentialOf(mia);
    clickUp.requests.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => proxied("GET", "credentials", id, "proxy-test/refuse")),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ ECODE: "OAUTH_027" });
    }
    const checks = await eventually(
      () => checksOf(id),
      (rows) => rows.length > 0,
    );
    expect(checks).toEqual([{ trigger: "proxy", outcome: "ok" }]);
    expect(await stateOf(id)).toBe("ok");
    // A flood of refusals made one check.
    await new Promise((wait) => setTimeout(wait, 300));
    expect(clickUp.requests.filter((request) => request.path === "/api/v2/user")).toHaveLength(1);
  });

  it("turns the credential broken when /user refuses the token too", async () => {
    const { id, token } = await credentialOf(mia);
    clickUp.revokedTokens.add(token);
    const answer = await proxied("GET", "credentials", id, "proxy-test/echo/x");
    expect(answer.status).toBe(401);
    expect(answer.headers.get("x-answered-by")).toBe("clickup");
    expect(
      await eventually(
        () => stateOf(id),
        (state) => state === "broken",
      ),
    ).toBe("broken");
    expect(await checksOf(id)).toEqual([{ trigger: "proxy", outcome: "broken" }]);
  });
});

describe("secrets", () => {
  it("puts no token in any answer (checked on each), log line or database column", async () => {
    const { id, token } = await credentialOf(mia);
    await proxied("GET", "credentials", id, "proxy-test/echo/x");
    await proxied("GET", "credentials", id, "proxy-test/status/500");
    await proxied("GET", "credentials", id, "proxy-test/redirect");
    await proxied("GET", "credentials", id, "..%2Fuser");
    clickUp.revokedTokens.add(token);
    await proxied("GET", "credentials", id, "proxy-test/echo/x");
    await new Promise((wait) => setTimeout(wait, 500));
    for (const secret of tokens) {
      for (const line of logged) expect(line).not.toContain(secret);
      for (const table of ["Credential", "CredentialEvent", "CredentialCheck", "RateLimitWindow", "Alert", "Delivery"])
        expect(JSON.stringify(await database.queryRows(`SELECT * FROM "${table}"`)), table).not.toContain(secret);
    }
  });
});
