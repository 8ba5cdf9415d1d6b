import { randomBytes, randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";

import type { Person } from "@/lib/auth/person";

import { expectDeclared } from "./declared-answers";
import { setUpIntegrationTests, testCaller } from "./setup";

// The REST API (app/api/v1 → lib/api → the same commands the pages use), called as Next.js calls
// a route handler: a Request and its params. Keys come from the real create-api-key command; the
// database is real and ClickUp is the fake on loopback.

vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.9" }) }));

// The first save of a file loads the app and warms the database: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
const { database, clickUp } = await setUpIntegrationTests();
const [
  credentials,
  credential,
  verify,
  credentialChecks,
  token,
  sources,
  source,
  connectors,
  { createApiKey },
  { revokeApiKey },
  { getDb },
  { openApiDocument },
  { CREDENTIAL_MESSAGES },
] = await Promise.all([
  import("@/app/api/v1/credentials/route"),
  import("@/app/api/v1/credentials/[id]/route"),
  import("@/app/api/v1/credentials/[id]/verify/route"),
  import("@/app/api/v1/credentials/[id]/checks/route"),
  import("@/app/api/v1/credentials/[id]/token/route"),
  import("@/app/api/v1/sources/route"),
  import("@/app/api/v1/sources/[id]/route"),
  import("@/app/api/v1/connectors/route"),
  import("@/lib/api-keys/create-api-key"),
  import("@/lib/api-keys/revoke-api-key"),
  import("@/lib/db/client"),
  import("@/lib/api/openapi"),
  import("@/lib/credentials/messages"),
]);

const mia: Person = { id: "mia", name: "Mia", email: "mia@example.test", role: "member" };
const max: Person = { id: "max", name: "Max", email: "max@example.test", role: "member" };
const keys = new Map<string, string>();
const goodToken = () => `pk_good_${randomBytes(10).toString("hex")}`;

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;
interface Call {
  as?: Person | string | null;
  body?: unknown;
  headers?: Record<string, string>;
  params?: Record<string, string>;
}

/** Calls a route handler as Next.js would, with the person's API key (or `as`: a raw header, or none). */
async function call(
  handler: Handler,
  method: string,
  path: string,
  { as = mia, body, headers = {}, params = {} }: Call = {},
) {
  const authorization = as === null ? undefined : typeof as === "string" ? as : `Bearer ${keys.get(as.id)}`;
  const request = new Request(`http://localhost:3000${path}`, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) as Promise<never> });
  const text = await response.text();
  for (const secret of [...keys.values()]) expect(text).not.toContain(secret);
  const json = text ? JSON.parse(text) : null;
  expectDeclared(document, method, path, response, json);
  return { status: response.status, headers: response.headers, text, json };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const document: Json = openApiDocument();

/** The codes the document lists for an operation at a status (none when it lists no such answer). */
function declaredCodes(operation: Json, status: number): string[] {
  return (
    operation.responses[String(status)]?.content?.["application/problem+json"]?.schema.allOf[1].properties.code.enum ??
    []
  );
}

describe("the OpenAPI document", () => {
  it("declares on every operation what any request may meet: database trouble, a bug, and the request guards' refusals", () => {
    for (const [path, item] of Object.entries<Json>(document.paths))
      for (const [method, operation] of Object.entries<Json>(item)) {
        if (method === "parameters") continue;
        const where = `${method.toUpperCase()} ${path}`;
        // 503: the database busy or unreachable (lib/api/route.ts, with Retry-After).
        expect(declaredCodes(operation, 503), where).toEqual(
          expect.arrayContaining(["database-busy", "database-unreachable"]),
        );
        expect(declaredCodes(operation, 500), where).toEqual(["bug"]);
        // proxy.ts, before any route: a host name not served, a broken %-escape, a form posted here.
        expect(declaredCodes(operation, 421), where).toEqual(["misdirected"]);
        expect(declaredCodes(operation, 400), where).toContain("malformed");
        if (method === "post") expect(declaredCodes(operation, 413), where).toEqual(["too-large"]);
      }
  });
});

const create = (body: Record<string, unknown>, options: Call = {}) =>
  call(credentials.POST, "POST", "/api/v1/credentials", { body: { connector: "clickup", ...body }, ...options });

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
  keys.clear();
  for (const person of [mia, max, testCaller.person]) {
    const made = await createApiKey({ person, clientKey: "t" }, { name: `${person.name} script` });
    if (!made.ok) throw new Error(made.message);
    keys.set(person.id, made.data.key);
  }
  clickUp.requests.length = 0;
});

describe("authentication", () => {
  it("answers 401 problem+json for a missing, malformed, unknown or revoked key, and never reads cookies", async () => {
    const unknown = `Bearer cuk_${randomBytes(32).toString("base64url")}`;
    for (const as of [null, "Basic abc", unknown, `Bearer ${keys.get(mia.id)}x`]) {
      const answer = await call(credentials.GET, "GET", "/api/v1/credentials", { as });
      expect(answer.status).toBe(401);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
      expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect(answer.json).toMatchObject({
        status: 401,
        title: "Unauthorized",
        detail: expect.stringContaining("API key"),
      });
    }
    // A (would-be) session cookie alone is no credential here.
    const cookie = await call(credentials.GET, "GET", "/api/v1/credentials", {
      as: null,
      headers: { cookie: "better-auth.session_token=anything; __Secure-better-auth.session_token=anything" },
    });
    expect(cookie.status).toBe(401);
    const [row] = await database.queryRows('SELECT id FROM "ApiKey" WHERE "userId" = ?', mia.id);
    await revokeApiKey({ person: mia, clientKey: "t" }, { id: row.id });
    expect((await call(credentials.GET, "GET", "/api/v1/credentials")).status).toBe(401);
  });
});

describe("POST /api/v1/credentials", () => {
  it("verifies with ClickUp like Save, answers 201 with the credential (never the token), ETag and Location", async () => {
    const secret = goodToken();
    const answer = await create({ name: "Warehouse", description: "from CI", apiKey: secret });
    expect(answer.status).toBe(201);
    expect(answer.text).not.toContain(secret);
    expect(answer.json).toMatchObject({
      name: "Warehouse",
      description: "from CI",
      tokenLast4: secret.slice(-4),
      account: { name: "Ada Lovelace" },
      version: 1,
    });
    expect(answer.headers.get("etag")).toBe('"v1"');
    expect(answer.headers.get("location")).toBe(`/api/v1/credentials/${answer.json.id}`);
    expect(clickUp.requests).toEqual([{ path: "/api/v2/user", authorization: secret }]);
    expect((await database.databaseBytes()).includes(Buffer.from(secret))).toBe(false);
    const events = await database.queryRows('SELECT "actorName" FROM "CredentialEvent"');
    expect(events).toEqual([{ actorName: "Mia via API key Mia script" }]);
  });

  it("answers validation failures 422 with the form's field errors, and a rejected token 422; stores nothing", async () => {
    const invalid = await create({ name: "", apiKey: "Bearer pk_x" });
    expect(invalid.status).toBe(422);
    expect(invalid.headers.get("content-type")).toBe("application/problem+json");
    expect(invalid.json.errors).toMatchObject({ name: "Give the credential a name.", apiKey: expect.any(String) });
    const rejected = await create({ name: "Bad", apiKey: `pk_revoked_${randomBytes(6).toString("hex")}` });
    expect(rejected.status).toBe(422);
    expect(rejected.json.detail).toMatch(/ClickUp/);
    expect(await database.queryRows('SELECT id FROM "Credential"')).toEqual([]);
  });

  it("answers a repeat with the same Idempotency-Key with the first credential, storing one", async () => {
    const idempotencyKey = randomUUID();
    const body = { name: "Once", apiKey: goodToken() };
    const first = await create(body, { headers: { "idempotency-key": idempotencyKey } });
    const again = await create(body, { headers: { "idempotency-key": idempotencyKey } });
    expect(first.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(await database.queryRows('SELECT id FROM "Credential"')).toHaveLength(1);
    const bad = await create(body, { headers: { "idempotency-key": "not-a-uuid" } });
    expect(bad.status).toBe(400);
  });

  it("refuses a body that is too large (413) or not a JSON object (400)", async () => {
    const big = await create({ name: "Big", description: "x".repeat(40_000), apiKey: goodToken() });
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toBe("application/problem+json");
    for (const body of ["not json", "[1,2]", "null"])
      expect((await call(credentials.POST, "POST", "/api/v1/credentials", { body })).status).toBe(400);
    expect(await database.queryRows('SELECT id FROM "Credential"')).toEqual([]);
  });

  it("answers 429 with Retry-After once the database-backed token-check limit is used up", async () => {
    const windowMs = 60_000;
    const now = Date.now();
    // Through Prisma: it decides how each database stores the window's time.
    for (const start of [Math.floor(now / windowMs) * windowMs, (Math.floor(now / windowMs) + 1) * windowMs])
      await getDb().rateLimitWindow.create({
        data: { key: `token-check:person:${mia.id}`, windowStart: new Date(start), count: 1_000_000 },
      });
    const answer = await create({ name: "Limited", apiKey: goodToken() });
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(answer.json.detail).toMatch(/Too many token checks/);
    expect(clickUp.requests).toEqual([]);
  });
});

describe("GET /api/v1/credentials", () => {
  it("lists the caller's credentials, filtered and searched, a page at a time with a cursor", async () => {
    for (const name of ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]) await create({ name, apiKey: goodToken() });
    await create({ name: "Max's own", apiKey: goodToken() }, { as: max });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=2&cursor=${cursor}` : "?limit=2";
      const page = await call(credentials.GET, "GET", `/api/v1/credentials${query}`);
      expect(page.status).toBe(200);
      expect(page.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.data.map((item: { name: string }) => item.name));
      cursor = page.json.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]);
    const searched = await call(credentials.GET, "GET", "/api/v1/credentials?search=mma&connector=clickup");
    expect(searched.json.data.map((item: { name: string }) => item.name)).toEqual(["Gamma"]);
    const other = await call(credentials.GET, "GET", "/api/v1/credentials?connector=github");
    expect(other.json).toEqual({ data: [], nextCursor: null });
    // The admin's key sees what the admin sees: everyone's.
    const admin = await call(credentials.GET, "GET", "/api/v1/credentials?limit=100", { as: testCaller.person });
    expect(admin.json.data).toHaveLength(6);
  });

  it("filters by state, and shows each credential's recent checks with ClickUp; another person's is 404", async () => {
    const working = await create({ name: "Working", apiKey: goodToken() });
    const revokedToken = goodToken();
    const broken = await create({ name: "Broken", apiKey: revokedToken });
    clickUp.revokedTokens.add(revokedToken);
    expect(
      (
        await call(verify.POST, "POST", `/api/v1/credentials/${broken.json.id}/verify`, {
          params: { id: broken.json.id },
        })
      ).status,
    ).toBe(422);
    const names = async (state: string) =>
      (await call(credentials.GET, "GET", `/api/v1/credentials?state=${state}`)).json.data.map(
        (item: { name: string; state: string }) => `${item.name}: ${item.state}`,
      );
    expect(await names("broken")).toEqual(["Broken: broken"]);
    expect(await names("ok")).toEqual(["Working: ok"]);
    expect(await names("unknown")).toEqual([]);
    const refused = await call(credentials.GET, "GET", "/api/v1/credentials?state=failed");
    expect(refused).toMatchObject({
      status: 400,
      json: { code: "malformed", errors: { state: expect.stringMatching(/ok, broken/) } },
    });

    const path = `/api/v1/credentials/${broken.json.id}/checks`;
    const checks = await call(credentialChecks.GET, "GET", path, { params: { id: broken.json.id } });
    expect(checks.status).toBe(200);
    expect(checks.json.data).toEqual([
      expect.objectContaining({ trigger: "verify", outcome: "broken", detail: expect.stringMatching(/rejected/) }),
    ]);
    expect(checks.text).not.toContain(revokedToken);
    expect((await call(credentialChecks.GET, "GET", path, { as: max, params: { id: broken.json.id } })).status).toBe(
      404,
    );
    expect(working.json.state).toBe("ok");
  });

  it("refuses a bad limit or cursor with 400", async () => {
    for (const query of ["?limit=0", "?limit=101", "?limit=x", "?cursor=garbage"])
      expect((await call(credentials.GET, "GET", `/api/v1/credentials${query}`)).status).toBe(400);
  });
});

describe("/api/v1/credentials/{id}", () => {
  it("answers 404 for another person's credential on every method, and changes nothing", async () => {
    const theirs = (await create({ name: "Max's", apiKey: goodToken() }, { as: max })).json;
    const params = { id: theirs.id };
    const path = `/api/v1/credentials/${theirs.id}`;
    const answers = [
      await call(credential.GET, "GET", path, { params }),
      await call(credential.PATCH, "PATCH", path, { params, body: { name: "Mine" } }),
      await call(credential.DELETE, "DELETE", path, { params }),
      await call(verify.POST, "POST", `${path}/verify`, { params }),
      await call(token.PUT, "PUT", `${path}/token`, { params, body: { apiKey: goodToken() } }),
      await call(credential.GET, "GET", "/api/v1/credentials/..%2F", { params: { id: "../" } }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.headers.get("content-type")).toBe("application/problem+json");
    }
    expect(await database.queryRows('SELECT name FROM "Credential"')).toEqual([{ name: "Max's" }]);
  });

  it("answers 404 not-owner to someone a credential is shared with who edits, replaces or deletes it", async () => {
    const theirs = (await create({ name: "Max's shared", apiKey: goodToken() }, { as: max })).json;
    await database.execute(
      'INSERT INTO "CredentialShare" ("credentialId", "userId", "createdAt") VALUES (?, ?, ?)',
      theirs.id,
      mia.id,
      new Date().toISOString(),
    );
    const params = { id: theirs.id };
    const path = `/api/v1/credentials/${theirs.id}`;
    // Mia may use it (so she sees it), but only Max may change it: "not yours" is still 404.
    expect((await call(credential.GET, "GET", path, { params })).status).toBe(200);
    const answers = [
      await call(credential.PATCH, "PATCH", path, { params, body: { name: "Mine now" } }),
      await call(credential.DELETE, "DELETE", path, { params }),
      await call(token.PUT, "PUT", `${path}/token`, { params, body: { apiKey: goodToken() } }),
    ];
    for (const answer of answers) expect(answer.json).toMatchObject({ status: 404, code: "not-owner" });
    expect(await database.queryRows('SELECT name FROM "Credential"')).toEqual([{ name: "Max's shared" }]);
  });

  it("answers by reason, not by wording: rewording the messages changes no status and no code", async () => {
    const messages = CREDENTIAL_MESSAGES as Record<keyof typeof CREDENTIAL_MESSAGES, string>;
    const original = { notFound: messages.notFound, stale: messages.stale };
    messages.notFound = "Reworded: no credential here.";
    messages.stale = "Reworded: someone changed it first.";
    try {
      const missing = randomUUID();
      const gone = await call(credential.GET, "GET", `/api/v1/credentials/${missing}`, { params: { id: missing } });
      expect(gone.json).toMatchObject({ status: 404, code: "not-found", detail: "Reworded: no credential here." });
      const made = await create({ name: "Reworded", apiKey: goodToken() });
      const params = { id: made.json.id };
      const stale = await call(credential.PATCH, "PATCH", `/api/v1/credentials/${made.json.id}`, {
        params,
        body: { name: "Newer" },
        headers: { "if-match": '"v9"' },
      });
      expect(stale.json).toMatchObject({ status: 412, code: "stale", detail: "Reworded: someone changed it first." });
    } finally {
      Object.assign(messages, original);
    }
  });

  it("edits with optimistic concurrency: a stale If-Match is 412, a current one or none applies", async () => {
    const made = await create({ name: "Old", description: "keep", apiKey: goodToken() });
    const params = { id: made.json.id };
    const path = `/api/v1/credentials/${made.json.id}`;
    const fetched = await call(credential.GET, "GET", path, { params });
    expect(fetched.headers.get("etag")).toBe('"v1"');
    const edited = await call(credential.PATCH, "PATCH", path, {
      params,
      body: { name: "New" },
      headers: { "if-match": '"v1"' },
    });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ name: "New", description: "keep", version: 2 });
    expect(edited.headers.get("etag")).toBe('"v2"');
    const stale = await call(credential.PATCH, "PATCH", path, {
      params,
      body: { name: "Lost" },
      headers: { "if-match": '"v1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.detail).toMatch(/changed elsewhere/);
    const garbled = await call(credential.PATCH, "PATCH", path, {
      params,
      body: { name: "Lost" },
      headers: { "if-match": "*" },
    });
    expect(garbled.status).toBe(400);
    const unconditional = await call(credential.PATCH, "PATCH", path, { params, body: { description: "" } });
    expect(unconditional.json).toMatchObject({ name: "New", description: "", version: 3 });
    const invalid = await call(credential.PATCH, "PATCH", path, { params, body: { name: " " } });
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors).toEqual({ name: "Give the credential a name." });
    const budget = await call(credential.PATCH, "PATCH", path, { params, body: { callsPerMinute: 1000 } });
    expect(budget.status).toBe(200);
    expect(budget.json).toMatchObject({ name: "New", callsPerMinute: 1000, version: 4 });
    const tooMany = await call(credential.PATCH, "PATCH", path, { params, body: { callsPerMinute: 10_001 } });
    expect(tooMany.status).toBe(422);
    expect(tooMany.json.errors).toEqual({ callsPerMinute: "Enter a whole number of calls from 1 to 10000." });
  });

  it("refuses DELETE with 409 naming what uses it; deletes once the source is gone", async () => {
    const made = (await create({ name: "Used", apiKey: goodToken() })).json;
    const created = await call(sources.POST, "POST", "/api/v1/sources", {
      body: { credentialId: made.id, name: "Tasks", workspaceId: "9001" },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: "source", name: "Tasks", workspace: { id: "9001" } });
    const params = { id: made.id };
    const refused = await call(credential.DELETE, "DELETE", `/api/v1/credentials/${made.id}`, { params });
    expect(refused.status).toBe(409);
    expect(refused.json.usedBy).toEqual([expect.objectContaining({ name: "Tasks", kind: "source" })]);
    expect(refused.json.detail).toMatch(/is used by 1 source or destination/);
    const gone = await call(source.DELETE, "DELETE", `/api/v1/sources/${created.json.id}`, {
      params: { id: created.json.id },
    });
    expect(gone.status).toBe(204);
    expect((await call(credential.DELETE, "DELETE", `/api/v1/credentials/${made.id}`, { params })).status).toBe(204);
    expect((await call(credential.GET, "GET", `/api/v1/credentials/${made.id}`, { params })).status).toBe(404);
  });

  it("verifies, and replaces the token with the page's account-change confirmation", async () => {
    const made = (await create({ name: "Rotating", apiKey: goodToken() })).json;
    const params = { id: made.id };
    const path = `/api/v1/credentials/${made.id}`;
    const verified = await call(verify.POST, "POST", `${path}/verify`, { params });
    expect(verified.status).toBe(200);
    expect(verified.json.health.state).toBe("ok");
    const sameAccount = goodToken();
    const replaced = await call(token.PUT, "PUT", `${path}/token`, { params, body: { apiKey: sameAccount } });
    expect(replaced.status).toBe(200);
    expect(replaced.json.tokenLast4).toBe(sameAccount.slice(-4));
    const otherAccount = `pk_other_${randomBytes(8).toString("hex")}`;
    const asked = await call(token.PUT, "PUT", `${path}/token`, { params, body: { apiKey: otherAccount } });
    expect(asked.status).toBe(409);
    expect(asked.json.accountChange).toMatchObject({ to: expect.stringContaining("Grace") });
    const confirmed = await call(token.PUT, "PUT", `${path}/token`, {
      params,
      body: { apiKey: otherAccount, confirmAccountChange: true },
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.account.name).toBe("Grace Hopper");
    expect(confirmed.text).not.toContain(otherAccount);
  });
});

describe("/api/v1/sources and /api/v1/connectors", () => {
  it("creates, lists, renames and deletes sources; another person's is 404", async () => {
    const made = (await create({ name: "Main", apiKey: goodToken() })).json;
    const created = (
      await call(sources.POST, "POST", "/api/v1/sources", {
        body: { credentialId: made.id, name: "Tasks", workspaceId: "9001" },
      })
    ).json;
    const list = await call(sources.GET, "GET", "/api/v1/sources");
    expect(list.json.data.map((item: { name: string }) => item.name)).toEqual(["Tasks"]);
    const params = { id: created.id };
    const path = `/api/v1/sources/${created.id}`;
    const renamed = await call(source.PATCH, "PATCH", path, { params, body: { name: "Board" } });
    expect(renamed).toMatchObject({ status: 200, json: { name: "Board" } });
    for (const answer of [
      await call(source.GET, "GET", path, { params, as: max }),
      await call(source.PATCH, "PATCH", path, { params, as: max, body: { name: "Mine" } }),
      await call(source.DELETE, "DELETE", path, { params, as: max }),
    ])
      expect(answer.status).toBe(404);
    const badWorkspace = await call(sources.POST, "POST", "/api/v1/sources", {
      body: { credentialId: made.id, name: "Other", workspaceId: "1" },
    });
    expect(badWorkspace.status).toBe(422);
    expect(badWorkspace.json.errors.workspaceId).toMatch(/not one this credential can reach/);
    expect(await database.queryRows('SELECT name FROM "Endpoint"')).toEqual([{ name: "Board" }]);
  });

  it("answers 404 not-found to a create with a credential the caller may not use; one shared with them works", async () => {
    const mias = (await create({ name: "Mia's main", apiKey: goodToken() })).json;
    const shared = (await create({ name: "Mia's shared", apiKey: goodToken() })).json;
    await database.execute(
      'INSERT INTO "CredentialShare" ("credentialId", "userId", "createdAt") VALUES (?, ?, ?)',
      shared.id,
      max.id,
      new Date().toISOString(),
    );
    clickUp.requests.length = 0;
    const body = (credentialId: string, more: Record<string, unknown> = {}) => ({
      credentialId,
      name: "Sneaky",
      workspaceId: "9001",
      ...more,
    });
    // Someone else's (with or without naming the connector), one that never existed, and the
    // admin's key on a member's credential (the admin sees it, but never uses others' tokens).
    for (const [as, credentialId, more] of [
      [max, mias.id, {}],
      [max, mias.id, { connector: "clickup" }],
      [max, randomUUID(), {}],
      [testCaller.person, mias.id, { connector: "clickup" }],
    ] as const) {
      const answer = await call(sources.POST, "POST", "/api/v1/sources", { as, body: body(credentialId, more) });
      expect(answer.json, `${as.name} with ${credentialId}`).toMatchObject({ status: 404, code: "not-found" });
    }
    expect(clickUp.requests).toEqual([]);
    expect(await database.queryRows('SELECT name FROM "Endpoint"')).toEqual([]);
    const allowed = await call(sources.POST, "POST", "/api/v1/sources", { as: max, body: body(shared.id) });
    expect(allowed).toMatchObject({ status: 201, json: { name: "Sneaky", credential: { id: shared.id } } });
  });

  it("answers a repeated create with the same Idempotency-Key with the first source, creating one", async () => {
    const made = (await create({ name: "Idempotent", apiKey: goodToken() })).json;
    const idempotencyKey = randomUUID();
    const send = (name: string) =>
      call(sources.POST, "POST", "/api/v1/sources", {
        body: { credentialId: made.id, name, workspaceId: "9001" },
        headers: { "idempotency-key": idempotencyKey },
      });
    const first = await send("Once");
    const again = await send("Once");
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    const other = await send("Something else");
    expect(other.status).toBe(422);
    expect(other.json.detail).toMatch(/already created "Once"/);
    expect(await database.queryRows('SELECT name FROM "Endpoint"')).toEqual([{ name: "Once" }]);
    const bad = await call(sources.POST, "POST", "/api/v1/sources", {
      body: { credentialId: made.id, name: "Bad key", workspaceId: "9001" },
      headers: { "idempotency-key": "nope" },
    });
    expect(bad.status).toBe(400);
  });

  it("lists connectors", async () => {
    const answer = await call(connectors.GET, "GET", "/api/v1/connectors");
    expect(answer.json).toEqual({ data: [{ id: "clickup", displayName: "ClickUp", workspaceLabel: "Workspace" }] });
  });
});
