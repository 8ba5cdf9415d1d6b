import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

import type { Person } from "@/lib/auth/person";

import { setUpIntegrationTests } from "./setup";

// Where the API and the pages meet: the proxy lets Bearer API calls through without an Origin
// (no cookies, so no CSRF) but keeps refusing server actions without one, even on /api/v1 paths;
// and an API key is no session: the pages' server actions refuse it.

const requestHeaders = new Headers();
vi.mock("next/headers", () => ({
  headers: async () => new Headers(requestHeaders),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set() {}, delete() {} }),
}));

// The first save of a file loads the app and warms the database: seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 30_000 });
const { database } = await setUpIntegrationTests();
const [{ proxy }, { createApiKey }, { createCredentialAction }] = await Promise.all([
  import("@/proxy"),
  import("@/lib/api-keys/create-api-key"),
  import("@/lib/credentials/actions"),
]);

const post = (path: string, headers: Record<string, string> = {}, body = "{}") =>
  new NextRequest(`http://localhost:3000${path}`, {
    method: "POST",
    headers: { host: "localhost:3000", "content-type": "application/json", ...headers },
    body,
  });

describe("the proxy and /api/v1", () => {
  it("lets an API POST through without an Origin, and leaves a big body to the API's own 413", async () => {
    expect((await proxy(post("/api/v1/credentials"))).status).toBe(200);
    const big = await proxy(post("/api/v1/credentials", {}, JSON.stringify({ description: "x".repeat(40_000) })));
    expect(big.status).toBe(200);
  });

  it("still refuses a server action without a same-host Origin, on a page or an API path (there as problem+json)", async () => {
    expect((await proxy(post("/credentials"))).status).toBe(403);
    expect((await proxy(post("/credentials", { origin: "http://localhost:3000" }))).status).toBe(200);
    // Anything shaped like an action: a Next-Action header, or a form's post (multipart, urlencoded).
    const shapes: Record<string, string>[] = [
      { "next-action": "abc" },
      { "content-type": "multipart/form-data; boundary=x" },
      { "content-type": "Application/X-WWW-Form-Urlencoded; charset=utf-8" },
    ];
    for (const path of ["/api/v1/credentials", "/api/v1/nope", "/api/v1"])
      for (const headers of shapes) {
        const refused = await proxy(post(path, headers, "--x--"));
        const what = `${path} ${JSON.stringify(headers)}`;
        expect(refused.status, what).toBe(400);
        expect(refused.headers.get("content-type"), what).toBe("application/problem+json");
        expect(await refused.json(), what).toMatchObject({ status: 400, code: "malformed" });
        expect(refused.headers.get("x-frame-options"), what).toBe("DENY");
      }
    // The ClickUp proxy's paths carry ClickUp's bodies: never taken for an action.
    for (const headers of shapes)
      expect((await proxy(post("/api/v1/sources/abc/clickup/api/v2/team", headers, "--x--"))).status).toBe(200);
  });
});

describe("an API key and the pages' server actions", () => {
  it("is not a session: the action answers 'signed out' and stores nothing", async () => {
    const mia: Person = { id: "integration-admin", name: "Integration Admin", email: "a@x.test", role: "admin" };
    const made = await createApiKey({ person: mia, clientKey: "t" }, { name: "script" });
    if (!made.ok) throw new Error(made.message);
    requestHeaders.set("authorization", `Bearer ${made.data.key}`);
    const result = await createCredentialAction("clickup", { name: "Via action", apiKey: "pk_good_123456" });
    expect(result).toMatchObject({ ok: false, reason: "signed-out" });
    expect(await database.queryRows('SELECT id FROM "Credential"')).toEqual([]);
  });
});
