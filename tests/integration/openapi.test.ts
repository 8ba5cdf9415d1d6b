import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

import { setUpIntegrationTests, testCaller } from "./setup";

// The OpenAPI document at /api/v1/openapi.json, and real answers of the API checked against it:
// each response body is validated with the schema the document gives for its path, method and
// status (JSON Schema turned back into a validator by zod), so the two cannot disagree unnoticed.

vi.mock("next/headers", () => ({ headers: async () => new Headers() }));

// The first save of a file loads the app and warms the database: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
await setUpIntegrationTests();
const [{ GET: documentRoute }, credentials, credential, verify, token, sources, connectors, { createApiKey }, { z }] =
  await Promise.all([
    import("@/app/api/v1/openapi.json/route"),
    import("@/app/api/v1/credentials/route"),
    import("@/app/api/v1/credentials/[id]/route"),
    import("@/app/api/v1/credentials/[id]/verify/route"),
    import("@/app/api/v1/credentials/[id]/token/route"),
    import("@/app/api/v1/sources/route"),
    import("@/app/api/v1/connectors/route"),
    import("@/lib/api-keys/create-api-key"),
    import("@/lib/zod"),
  ]);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const document: Json = await (await documentRoute(new Request("http://localhost/api/v1/openapi.json"), {})).json();
const made = await createApiKey(testCaller, { name: "document check" });
if (!made.ok) throw new Error(made.message);
const key = made.data.key;

/** The schema the document gives an answer, as a zod validator ($refs resolved within the document). */
function validatorFor(path: string, method: string, status: number) {
  const response = document.paths[path]?.[method]?.responses?.[String(status)];
  if (!response) throw new Error(`The document has no ${status} for ${method.toUpperCase()} ${path}`);
  const content = response.content?.["application/json"] ?? response.content?.["application/problem+json"];
  if (!content) return undefined;
  const standalone = JSON.parse(
    JSON.stringify({ ...content.schema, $defs: document.components.schemas }).replaceAll(
      "#/components/schemas/",
      "#/$defs/",
    ),
  );
  return z.fromJSONSchema(standalone);
}

type Handler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

/** Calls the route and checks its answer against the document; returns the body. */
async function checked(handler: Handler, method: string, path: string, template: string, body?: unknown, id?: string) {
  const response = await handler(
    new Request(`http://localhost${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve(id ? { id } : {}) as Promise<never> },
  );
  const text = await response.text();
  const validator = validatorFor(template, method.toLowerCase(), response.status);
  if (validator) {
    const result = validator.safeParse(JSON.parse(text));
    expect(result.success, `${method} ${path} ${response.status}: ${result.error?.message}`).toBe(true);
  } else expect(text).toBe("");
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document naming every route and method the API serves", () => {
    expect(document.openapi).toBe("3.1.0");
    const routes = Object.fromEntries(
      Object.entries(document.paths).map(([path, item]) => [
        path,
        Object.keys(item as Json)
          .filter((key) => key !== "parameters")
          .sort(),
      ]),
    );
    expect(routes).toEqual({
      "/api/v1/credentials": ["get", "post"],
      "/api/v1/credentials/{id}": ["delete", "get", "patch"],
      "/api/v1/credentials/{id}/verify": ["post"],
      "/api/v1/credentials/{id}/checks": ["get"],
      "/api/v1/credentials/{id}/token": ["put"],
      "/api/v1/sources": ["get", "post"],
      "/api/v1/sources/{id}": ["delete", "get", "patch"],
      "/api/v1/destinations": ["get", "post"],
      "/api/v1/destinations/{id}": ["delete", "get", "patch"],
      "/api/v1/connectors": ["get"],
      "/api/v1/webhooks": ["get", "post"],
      "/api/v1/webhooks/{id}": ["delete"],
      "/api/v1/webhooks/{id}/test": ["post"],
      "/api/v1/api-keys": ["get"],
      "/api/v1/credentials/{id}/clickup/{path}": ["delete", "get", "patch", "post", "put"],
      "/api/v1/sources/{id}/clickup/{path}": ["delete", "get", "patch", "post", "put"],
      "/api/v1/destinations/{id}/clickup/{path}": ["delete", "get", "patch", "post", "put"],
    });
    // Request bodies come from the commands' own schemas: the form's limits show.
    const create = document.paths["/api/v1/credentials"].post.requestBody.content["application/json"].schema;
    expect(create.properties.name).toMatchObject({ type: "string", maxLength: 100 });
    expect(create.required).toEqual(expect.arrayContaining(["name", "apiKey", "connector"]));
  });
});

describe("real answers agree with the document", () => {
  it("for successes and problems across the credential and source routes", async () => {
    const apiKey = `pk_good_${randomBytes(8).toString("hex")}`;
    const created = await checked(credentials.POST, "POST", "/api/v1/credentials", "/api/v1/credentials", {
      connector: "clickup",
      name: "Documented",
      apiKey,
    });
    expect(created.status).toBe(201);
    const { id } = created.json;
    const one = `/api/v1/credentials/${id}`;
    const template = "/api/v1/credentials/{id}";
    await checked(credentials.GET, "GET", "/api/v1/credentials?limit=1", "/api/v1/credentials");
    await checked(credential.GET, "GET", one, template, undefined, id);
    await checked(credential.PATCH, "PATCH", one, template, { description: "checked" }, id);
    expect((await checked(credential.PATCH, "PATCH", one, template, { name: "" }, id)).status).toBe(422);
    await checked(verify.POST, "POST", `${one}/verify`, `${template}/verify`, undefined, id);
    await checked(
      token.PUT,
      "PUT",
      `${one}/token`,
      `${template}/token`,
      { apiKey: `pk_other_${randomBytes(6).toString("hex")}` },
      id,
    );
    const source = await checked(sources.POST, "POST", "/api/v1/sources", "/api/v1/sources", {
      credentialId: id,
      name: "Tasks",
      workspaceId: "9001",
    });
    expect(source.status).toBe(201);
    await checked(sources.GET, "GET", "/api/v1/sources", "/api/v1/sources");
    expect((await checked(credential.DELETE, "DELETE", one, template, undefined, id)).status).toBe(409);
    expect((await checked(credential.GET, "GET", "/api/v1/credentials/nope", template, undefined, "nope")).status).toBe(
      404,
    );
    await checked(connectors.GET, "GET", "/api/v1/connectors", "/api/v1/connectors");
  });

  it("would notice an answer with a field the document does not have", () => {
    const validator = validatorFor("/api/v1/connectors", "get", 200)!;
    expect(validator.safeParse({ data: [{ id: "x", displayName: "X", workspaceLabel: "W" }] }).success).toBe(true);
    expect(
      validator.safeParse({ data: [{ id: "x", displayName: "X", workspaceLabel: "W", secret: "pk_1" }] }).success,
    ).toBe(false);
  });
});
