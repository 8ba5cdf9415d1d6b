import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Person } from "@/lib/auth/person";

import { expectDeclared } from "./declared-answers";
import { setUpIntegrationTests, testCaller } from "./setup";

// API key scopes (lib/api-keys/scopes.browser-safe.ts): each /api/v1 operation declares the scope
// it needs (lib/api/operations.ts) and apiRoute refuses a key without it, 403 "missing-scope",
// before the handler runs. Keys made before scopes keep every scope. Called as Next.js calls a
// route handler, on the real database, with ClickUp the fake on loopback.

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.10" }) }));

// The first save of a file loads the app and warms the database: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
const { database, clickUp } = await setUpIntegrationTests();
const [
  credentials,
  sources,
  connectors,
  webhooks,
  { createApiKey },
  { revokeApiKey },
  { generateApiKey },
  { openApiDocument },
] = await Promise.all([
  import("@/app/api/v1/credentials/route"),
  import("@/app/api/v1/sources/route"),
  import("@/app/api/v1/connectors/route"),
  import("@/app/api/v1/webhooks/route"),
  import("@/lib/api-keys/create-api-key"),
  import("@/lib/api-keys/revoke-api-key"),
  import("@/lib/api-keys/key-secret"),
  import("@/lib/api/openapi"),
]);

const mia: Person = { id: "mia", name: "Mia", email: "mia@example.test", role: "member" };
const max: Person = { id: "max", name: "Max", email: "max@example.test", role: "member" };
const admin = testCaller.person;
const ALL_SCOPES = ["credentials:read", "credentials:write", "endpoints:read", "endpoints:write", "proxy"];
const goodToken = () => `pk_good_${randomBytes(10).toString("hex")}`;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
const document: Json = openApiDocument();
/** Every key made in a test: no answer may contain one. */
const secrets: string[] = [];

async function newKey(person: Person, input: Record<string, unknown> = {}) {
  const made = await createApiKey({ person, clientKey: "t" }, { name: `${person.name} key ${randomUUID()}`, ...input });
  if (!made.ok) throw new Error(made.message);
  secrets.push(made.data.key);
  return made.data;
}

/** A key as it was stored before scopes existed: no scopes column written (NULL). */
async function keyMadeBeforeScopes(person: Person) {
  const { key, hash, shown } = generateApiKey();
  const id = randomUUID();
  await database.execute(
    'INSERT INTO "ApiKey" (id, "userId", name, prefix, "keyHash", "createdAt") VALUES (?, ?, ?, ?, ?, ?)',
    id,
    person.id,
    `${person.name} old script`,
    shown,
    hash,
    new Date().toISOString(),
  );
  secrets.push(key);
  return { id, key };
}

async function call(handler: Handler, method: string, path: string, key: string, body?: unknown) {
  const request = new Request(`http://localhost:3000${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve({}) as Promise<never> });
  const text = await response.text();
  for (const secret of secrets) expect(text).not.toContain(secret);
  const json = text ? JSON.parse(text) : null;
  expectDeclared(document, method, path, response, json);
  return { status: response.status, text, json };
}

/** GET /api/v1/api-keys, imported when called: the route is new with scopes. */
async function listKeys(key: string) {
  const route = await import("@/app/api/v1/api-keys/route");
  return call(route.GET, "GET", "/api/v1/api-keys", key);
}

/** A credential and a source of Mia's, made with a key that has every scope. */
async function miasSource() {
  const { key } = await newKey(mia);
  const credential = await call(credentials.POST, "POST", "/api/v1/credentials", key, {
    connector: "clickup",
    name: `Main ${randomUUID()}`,
    apiKey: goodToken(),
  });
  expect(credential.status).toBe(201);
  const source = await call(sources.POST, "POST", "/api/v1/sources", key, {
    credentialId: credential.json.id,
    name: `Tasks ${randomUUID()}`,
    workspaceId: "9001",
  });
  expect(source.status).toBe(201);
  return { credential: credential.json, source: source.json };
}

beforeEach(async () => {
  for (const table of ["Endpoint", "CredentialEvent", "CredentialCheck", "CredentialShare", "Credential", "ApiKey"])
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
  clickUp.requests.length = 0;
});

describe("a key without the scope an operation needs", () => {
  it("is refused 403 missing-scope naming the scope, before anything runs: a pipeline key reads and creates nothing", async () => {
    const { credential } = await miasSource();
    clickUp.requests.length = 0;
    const { key } = await newKey(mia, { name: "pipeline", scopes: ["proxy"] });
    const answers = {
      "credentials:read": await call(credentials.GET, "GET", "/api/v1/credentials", key),
      "credentials:write": await call(credentials.POST, "POST", "/api/v1/credentials", key, {
        connector: "clickup",
        name: "Sneaky",
        apiKey: goodToken(),
      }),
      "endpoints:write": await call(sources.POST, "POST", "/api/v1/sources", key, {
        credentialId: credential.id,
        name: "Sneaky",
        workspaceId: "9001",
      }),
      "endpoints:read": await call(connectors.GET, "GET", "/api/v1/connectors", key),
    };
    for (const [scope, answer] of Object.entries(answers)) {
      expect(answer.json, scope).toMatchObject({ status: 403, code: "missing-scope", scope });
      expect(answer.json.detail, scope).toContain(scope);
      expect(answer.text, scope).not.toContain(credential.name);
    }
    expect(clickUp.requests).toEqual([]);
    expect(await database.queryRows('SELECT name FROM "Credential"')).toEqual([{ name: credential.name }]);
    expect(await database.queryRows('SELECT id FROM "Endpoint"')).toHaveLength(1);
  });

  it("lets each scope open exactly its own operations", async () => {
    const reader = (await newKey(mia, { scopes: ["credentials:read"] })).key;
    expect((await call(credentials.GET, "GET", "/api/v1/credentials", reader)).status).toBe(200);
    expect((await call(sources.GET, "GET", "/api/v1/sources", reader)).json).toMatchObject({
      code: "missing-scope",
      scope: "endpoints:read",
    });
    const endpoints = (await newKey(mia, { scopes: ["endpoints:read", "endpoints:write"] })).key;
    expect((await call(sources.GET, "GET", "/api/v1/sources", endpoints)).status).toBe(200);
    expect((await call(connectors.GET, "GET", "/api/v1/connectors", endpoints)).status).toBe(200);
    expect((await call(credentials.GET, "GET", "/api/v1/credentials", endpoints)).json).toMatchObject({
      code: "missing-scope",
      scope: "credentials:read",
    });
  });

  it("stops working at once when revoked (401, not 403)", async () => {
    const { key, apiKey } = await newKey(mia, { scopes: ["proxy"] });
    expect((await call(credentials.GET, "GET", "/api/v1/credentials", key)).status).toBe(403);
    await revokeApiKey({ person: mia, clientKey: "t" }, { id: apiKey.id });
    expect((await call(credentials.GET, "GET", "/api/v1/credentials", key)).json).toMatchObject({
      status: 401,
      code: "unauthenticated",
    });
  });
});

describe("webhooks through the API", () => {
  it("need an admin's key with every scope: an admin's key without one is refused 403, a member's stays 404", async () => {
    const partial = (await newKey(admin, { scopes: ALL_SCOPES.filter((scope) => scope !== "proxy") })).key;
    for (const answer of [
      await call(webhooks.GET, "GET", "/api/v1/webhooks", partial),
      await call(webhooks.POST, "POST", "/api/v1/webhooks", partial, {
        url: "http://127.0.0.1:9/hook",
        events: ["credential.broken"],
      }),
    ])
      expect(answer.json).toMatchObject({ status: 403, code: "missing-scope", scope: "every" });
    expect(await database.queryRows('SELECT id FROM "Webhook"')).toEqual([]);
    expect((await call(webhooks.GET, "GET", "/api/v1/webhooks", (await newKey(admin)).key)).status).toBe(200);
    expect((await call(webhooks.GET, "GET", "/api/v1/webhooks", (await newKey(mia)).key)).json).toMatchObject({
      status: 404,
      code: "admin-only",
    });
  });
});

describe("a key made before scopes", () => {
  it("keeps every scope, webhooks included, and is listed marked so", async () => {
    const { credential } = await miasSource();
    const old = await keyMadeBeforeScopes(mia);
    expect((await call(credentials.GET, "GET", "/api/v1/credentials", old.key)).status).toBe(200);
    const created = await call(sources.POST, "POST", "/api/v1/sources", old.key, {
      credentialId: credential.id,
      name: "From an old key",
      workspaceId: "9001",
    });
    expect(created.status).toBe(201);
    const adminsOld = await keyMadeBeforeScopes(admin);
    expect((await call(webhooks.GET, "GET", "/api/v1/webhooks", adminsOld.key)).status).toBe(200);
    const listed = await listKeys(old.key);
    expect(listed.status).toBe(200);
    expect(listed.json.data.find((key: Json) => key.id === old.id)).toMatchObject({
      scopes: ALL_SCOPES,
      everyScope: true,
      madeBeforeScopes: true,
      proxyTargets: null,
    });
  });
});

describe("GET /api/v1/api-keys", () => {
  it("lists the caller's own keys with their scopes and proxy targets, never a key or its hash; any key may read it", async () => {
    const { source } = await miasSource();
    const pipeline = await newKey(mia, {
      name: "pipeline",
      scopes: ["proxy"],
      proxyTargets: { credentialIds: [], endpointIds: [source.id] },
    });
    await newKey(max, { name: "Max's" });
    const listed = await listKeys(pipeline.key);
    expect(listed.status).toBe(200);
    expect(listed.json.data.map((key: Json) => key.name).sort()).toEqual([
      expect.stringMatching(/^Mia key/),
      "pipeline",
    ]);
    expect(listed.json.data.find((key: Json) => key.name === "pipeline")).toEqual({
      id: pipeline.apiKey.id,
      name: "pipeline",
      prefix: pipeline.key.slice(0, 12),
      scopes: ["proxy"],
      everyScope: false,
      madeBeforeScopes: false,
      proxyTargets: [{ kind: "source", id: source.id, name: source.name }],
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      expiresAt: null,
      revokedAt: null,
    });
    const hashes = await database.queryRows('SELECT "keyHash" FROM "ApiKey"');
    for (const { keyHash } of hashes) expect(listed.text).not.toContain(keyHash);
  });
});

describe("the OpenAPI document", () => {
  it("names each operation's scope in its security requirement and declares 403 missing-scope wherever there is one", async () => {
    const scoped: string[] = [];
    for (const [path, item] of Object.entries<Json>(document.paths))
      for (const [method, operation] of Object.entries<Json>(item)) {
        if (method === "parameters") continue;
        const where = `${method.toUpperCase()} ${path}`;
        const [{ apiKey: needs }] = operation.security ?? document.security;
        const codes = operation.responses["403"]?.content["application/problem+json"].schema.allOf[1].properties.code;
        if (needs.length === 0) expect(operation.responses["403"], where).toBeUndefined();
        else {
          scoped.push(where);
          expect(codes?.enum, where).toEqual(["missing-scope"]);
          for (const scope of needs) expect(ALL_SCOPES, where).toContain(scope);
        }
      }
    expect(scoped).toContain("GET /api/v1/credentials");
    expect(document.paths["/api/v1/webhooks"].post.security).toEqual([{ apiKey: ALL_SCOPES }]);
    expect(document.paths["/api/v1/api-keys"].get.security).toEqual([{ apiKey: [] }]);
  });
});
