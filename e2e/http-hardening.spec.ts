import { randomUUID } from "node:crypto";
import http from "node:http";
import type { APIRequestContext, APIResponse } from "@playwright/test";

import { E2E } from "./support/e2e-env";
import {
  addCredential,
  fakeRequestsWith,
  fakeToken,
  fillCredential,
  openAddCredential,
  storedCredentials,
  uniqueName,
} from "./support/helpers";
import { actionResult, interceptAction, postAction } from "./support/server-actions";
import { expect, test } from "./support/test";

/** A policy as directive -> values, e.g. { "script-src": ["'self'", "'nonce-…'"] }. */
function parsePolicy(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(";")
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

async function fetchPage(request: APIRequestContext, path: string, expectedStatus: number) {
  const response = await request.get(path);
  expect(response.status(), path).toBe(expectedStatus);
  const headers = response.headers();
  const policy = parsePolicy(headers["content-security-policy"] ?? "");
  const scriptSrc = policy.get("script-src") ?? [];
  const nonces = scriptSrc
    .filter((value) => value.startsWith("'nonce-"))
    .map((value) => value.slice("'nonce-".length, -1));
  return {
    headers,
    policy,
    scriptSrc,
    nonce: nonces.length === 1 ? nonces[0] : undefined,
    html: await response.text(),
  };
}

test("every page carries a nonce-based CSP that its own scripts match, plus the other security headers", async ({
  page,
}) => {
  test.setTimeout(90_000); // a dozen pages, each fetched and parsed, on a busy two-core machine
  // The page's own request context: it carries the signed-in session cookie.
  const request = page.request;
  const name = uniqueName("Headers");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
  const [credential] = await storedCredentials({ name });
  const pages: [string, number][] = [
    ["/", 200],
    ["/sources", 200],
    ["/sources/new", 200],
    ["/sources/new/clickup", 200],
    ["/destinations/new/clickup", 200],
    ["/credentials", 200],
    [`/credentials/${credential.id}`, 200],
    ["/no-such-page", 404],
    ["/credentials/no-such-credential", 404],
  ];

  for (const [path, status] of pages) {
    const first = await fetchPage(request, path, status);
    const second = await fetchPage(request, path, status);
    expect(first.policy.get("default-src"), path).toEqual(["'self'"]);
    expect(first.policy.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(first.scriptSrc, path).not.toContain("'unsafe-inline'");
    expect(first.scriptSrc, path).not.toContain("'unsafe-eval'");
    expect(first.nonce, `${path}: one script-src nonce`).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
    expect(second.nonce, `${path}: a fresh nonce per response`).not.toBe(first.nonce);

    // Every <script> the server sent carries this response's nonce, and only that one.
    const scriptTags = first.html.match(/<script\b[^>]*>/gi) ?? [];
    expect(scriptTags.length, `${path}: scripts in the page`).toBeGreaterThan(0);
    for (const tag of scriptTags) expect(tag, path).toContain(`nonce="${first.nonce}"`);

    expect(first.headers["x-content-type-options"], path).toBe("nosniff");
    expect(first.headers["x-frame-options"], path).toBe("DENY");
    expect(first.headers["referrer-policy"], path).toMatch(
      /^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/,
    );

    // And the browser runs the page under that policy without a single violation (checked after the test).
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(status);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
});

test("a server action posted from another origin is refused; the same request from the app's origin works", async ({
  page,
}) => {
  // The page's own request context: it carries the signed-in session cookie.
  const request = page.request;
  const name = uniqueName("Cross-origin");
  const token = fakeToken("good");
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: token });
  // The browser's real Save request, held back: the server never sees it.
  const save = await interceptAction(page, "**/sources/new/clickup", () =>
    dialog.getByRole("button", { name: "Save" }).click(),
  );
  expect(save.id).toMatch(/^[0-9a-f]{40,}$/);
  expect(save.body).toContain(token);

  const forged = await postAction(request, save, save.body, "http://evil.example");
  const forgedBody = await forged.text();
  expect(forged.ok() && actionResult(forgedBody) !== undefined, `accepted: ${forged.status()} ${forgedBody}`).toBe(
    false,
  );
  expect(forgedBody).not.toContain('"ok":true');
  expect(await storedCredentials({ name })).toHaveLength(0);
  expect(await fakeRequestsWith(token)).toHaveLength(0);

  // Control: byte for byte the same request, from the app's own origin, is accepted.
  const genuine = await postAction(request, save, save.body, E2E.appUrl);
  expect(genuine.status()).toBe(200);
  expect(actionResult(await genuine.text())).toMatchObject({ ok: true, data: { name } });
  expect(await storedCredentials({ name })).toHaveLength(1);
  expect(await fakeRequestsWith(token)).toHaveLength(1);
});

test("markup in a credential's name and description is shown as text everywhere, never run", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const name = `<img src=x onerror=alert(1)> ${uniqueName("xss")}`;
  const description = "<script>alert(2)</script>";
  const injected = () => page.locator('img[src="x"], img[onerror]');
  await addCredential(page, "/sources/new/clickup", { name, description, apiKey: fakeToken("good") });

  await page.reload();
  const tile = page.getByRole("radio", { name });
  await expect(tile).toContainText(name);
  await expect(tile).toContainText(description);
  await expect(injected()).toHaveCount(0);

  await page.goto("/credentials");
  const link = page.getByRole("link", { name });
  await expect(link).toHaveText(name);
  await expect(injected()).toHaveCount(0);

  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByRole("main").getByText(description, { exact: true })).toBeVisible();
  await expect(injected()).toHaveCount(0);
  expect(
    await page
      .locator("script")
      .evaluateAll((scripts) => scripts.filter((script) => script.textContent?.trim() === "alert(2)").length),
  ).toBe(0);

  // A search term goes back into the page too.
  await page.goto(`/credentials?q=${encodeURIComponent('"><img src=x onerror=alert(3)>')}`);
  await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue('"><img src=x onerror=alert(3)>');
  await expect(injected()).toHaveCount(0);

  expect(dialogs).toEqual([]);
});

/** The headers every answer must carry, refusals included. */
function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers["content-security-policy"], what).toMatch(/default-src '(self|none)'/);
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("same-origin");
}

test("a prefetch of a signed-in page carries the same Content-Security-Policy as the page", async ({ page }) => {
  const prefetches: Record<string, string>[] = [
    { "next-router-prefetch": "1", rsc: "1" },
    { "next-router-prefetch": "1" },
    { purpose: "prefetch" },
    { "sec-purpose": "prefetch" },
  ];
  for (const headers of prefetches) {
    const response = await page.request.get("/credentials", { headers });
    const what = JSON.stringify(headers);
    expect(response.status(), what).toBe(200);
    expectSecurityHeaders(response.headers(), what);
    expect(parsePolicy(response.headers()["content-security-policy"]).get("script-src"), what).toEqual(
      expect.arrayContaining([expect.stringMatching(/^'nonce-/)]),
    );
  }
});

test("a malformed URL gets a 400 with the security headers, never a 500", async ({ page }) => {
  for (const path of [
    "/credentials/%E0%A4%A",
    "/credentials/%",
    "/credentials/%ZZ",
    "/sources/%C0",
    "/sources/new/%E0%A4%A/configure",
    "/%E0%A4%A",
  ]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(400);
    expect(response.headers()["content-type"], path).toMatch(/^text\/plain/);
    expectSecurityHeaders(response.headers(), path);
  }
});

test("server-action posts from another origin, with no origin, or absurdly nested are refused with a 4xx, never a 500", async ({
  page,
}) => {
  const request = page.request;
  const name = uniqueName("Refused post");
  const token = fakeToken("good");
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: token });
  const save = await interceptAction(page, "**/sources/new/clickup", () =>
    dialog.getByRole("button", { name: "Save" }).click(),
  );

  const cases: { what: string; origin?: string; body: string; status: number }[] = [
    { what: "another origin", origin: "http://evil.example", body: save.body, status: 403 },
    { what: "another port of this host", origin: E2E.appUrl.replace(/:\d+$/, ":1"), body: save.body, status: 403 },
    { what: "an opaque origin", origin: "null", body: save.body, status: 403 },
    { what: "no Origin header", body: save.body, status: 403 },
    {
      what: "arrays nested 5000 deep",
      origin: E2E.appUrl,
      body: `${"[".repeat(5000)}${"]".repeat(5000)}`,
      status: 400,
    },
    {
      what: "objects nested 3000 deep",
      origin: E2E.appUrl,
      body: `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`,
      status: 400,
    },
  ];
  cases.push({ what: "not JSON", origin: E2E.appUrl, body: '["clickup", {"name": ', status: 400 });
  for (const { what, origin, body, status } of cases) {
    const response = await request.post(save.url, {
      headers: { ...save.headers, ...(origin === undefined ? {} : { origin }) },
      data: body,
      maxRedirects: 0,
    });
    expect(response.status(), what).toBe(status);
    expect(response.headers()["content-type"], what).toMatch(/^text\/plain/);
    expectSecurityHeaders(response.headers(), what);
  }
  expect(await storedCredentials({ name })).toHaveLength(0);
  expect(await fakeRequestsWith(token)).toHaveLength(0);
});

test("a body over the limit is refused with 413 even when it is streamed without a Content-Length", async () => {
  const answer = await new Promise<{ status?: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const request = http.request(`${E2E.appUrl}/sources/new/clickup`, {
      method: "POST",
      timeout: 15_000,
      headers: {
        "next-action": "00",
        "content-type": "text/plain",
        origin: E2E.appUrl,
        "transfer-encoding": "chunked",
      },
    });
    request.on("response", (response) => {
      response.resume();
      resolve({ status: response.statusCode, headers: response.headers });
    });
    request.on("error", reject);
    request.on("timeout", () => request.destroy(new Error("no answer in 15 s")));
    for (let sent = 0; sent < 40 * 1024; sent += 1024) request.write(`[${" ".repeat(1023)}`);
    request.end();
  });
  expect(answer.status).toBe(413);
  expectSecurityHeaders(answer.headers as Record<string, string>, "streamed body");
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Checks an answer under /api/v1 is a problem+json with this status and code, carrying every
 * security header; and, when it is an operation's path and method, that the served OpenAPI
 * document declares that code for that status.
 */
async function expectApiProblem(
  response: APIResponse,
  expected: { status: number; code: string },
  what: string,
  declaredIn?: { document: Json; method: string },
) {
  const text = await response.text();
  expect(response.status(), `${what}: ${text.slice(0, 200)}`).toBe(expected.status);
  expect(response.headers()["content-type"], what).toBe("application/problem+json");
  expect(JSON.parse(text), what).toMatchObject({ ...expected, type: `/api/docs#problem-${expected.code}` });
  expectSecurityHeaders(response.headers(), what);
  if (!declaredIn) return;
  const { document } = declaredIn;
  const method = declaredIn.method.toLowerCase();
  const { pathname } = new URL(response.url());
  const template = Object.keys(document.paths).find((candidate) =>
    new RegExp(`^${candidate.replace(/\{[^}]+\}/g, "[^/]+")}$`).test(pathname),
  );
  const answer = template && document.paths[template][method]?.responses?.[String(expected.status)];
  expect(answer, `${what}: the document lists no ${expected.status} for ${method} ${template}`).toBeTruthy();
  const codes = answer.content["application/problem+json"].schema.allOf[1].properties.code.enum;
  expect(codes, `${what}: ${expected.code} is not declared for ${expected.status}`).toContain(expected.code);
}

test("under /api/v1 an unknown path, a wrong method and the request guards' refusals are problem+json with a declared code", async ({
  request,
}) => {
  const document: Json = await (await request.get("/api/v1/openapi.json")).json();
  const someId = "0b6c2a52-3f7e-4d7e-9a51-000000000001";
  // No such route, whatever the method.
  for (const path of ["/api/v1", "/api/v1/nope", "/api/v1/credentials/x/y/z"])
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const response = await request.fetch(path, { method, data: method === "GET" ? undefined : {}, maxRedirects: 0 });
      await expectApiProblem(response, { status: 404, code: "not-found" }, `${method} ${path}`);
    }
  // A route that does not take this method says which it takes.
  const wrongMethods: [string, string, string][] = [
    ["DELETE", "/api/v1/connectors", "GET, HEAD, OPTIONS"],
    ["PUT", "/api/v1/credentials", "GET, HEAD, OPTIONS, POST"],
    ["POST", `/api/v1/credentials/${someId}/token`, "OPTIONS, PUT"],
    ["GET", `/api/v1/credentials/${someId}/verify`, "OPTIONS, POST"],
    ["PUT", `/api/v1/sources/${someId}`, "DELETE, GET, HEAD, OPTIONS, PATCH"],
    ["PATCH", "/api/v1/openapi.json", "GET, HEAD, OPTIONS"],
  ];
  for (const [method, path, allow] of wrongMethods) {
    const response = await request.fetch(path, { method, data: {}, maxRedirects: 0 });
    await expectApiProblem(response, { status: 405, code: "method-not-allowed" }, `${method} ${path}`);
    expect(response.headers()["allow"], `${method} ${path}`).toBe(allow);
    // OPTIONS names the same methods.
    const options = await request.fetch(path, { method: "OPTIONS", maxRedirects: 0 });
    expect([options.status(), options.headers()["allow"]], `OPTIONS ${path}`).toEqual([204, allow]);
  }
  // The request guards (proxy.ts), answering before any route.
  const brokenEscape = await request.get("/api/v1/credentials/%ZZ", { maxRedirects: 0 });
  await expectApiProblem(brokenEscape, { status: 400, code: "malformed" }, "broken %-escape", {
    document,
    method: "GET",
  });
  const foreignHost = await request.get("/api/v1/credentials", { headers: { host: "evil.example" } });
  await expectApiProblem(foreignHost, { status: 421, code: "misdirected" }, "unknown host name", {
    document,
    method: "GET",
  });
  // Elsewhere the same refusals stay plain text.
  expect((await request.get("/credentials/%ZZ", { maxRedirects: 0 })).headers()["content-type"]).toMatch(
    /^text\/plain/,
  );
});

test("a form or server action posted to any /api/v1 path meets the pages' guards, refused as problem+json; the ClickUp proxy's paths are never actions", async ({
  page,
}) => {
  const request = page.request;
  const document: Json = await (await request.get("/api/v1/openapi.json")).json();
  const name = uniqueName("Action via API path");
  const token = fakeToken("good");
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: token });
  const save = await interceptAction(page, "**/sources/new/clickup", () =>
    dialog.getByRole("button", { name: "Save" }).click(),
  );
  const post = (path: string, options: Parameters<APIRequestContext["post"]>[1]) =>
    request.post(path, { maxRedirects: 0, timeout: 15_000, ...options });
  // A no-JavaScript form's post: the action named by a $ACTION_ field, no Next-Action header.
  const formFields = { [`$ACTION_ID_${save.id}`]: "", "1_name": name, "1_apiKey": token };
  const big = "x".repeat(40 * 1024);

  for (const path of ["/api/v1/nope", "/api/v1/credentials", `/api/v1/credentials/${randomUUID()}/verify`]) {
    const onOperation = path === "/api/v1/nope" ? undefined : { document, method: "POST" };
    const refusals: [string, APIResponse, { status: number; code: string }][] = [
      [
        "action, no Origin",
        await post(path, { headers: save.headers, data: save.body }),
        { status: 400, code: "malformed" },
      ],
      [
        "action, another origin",
        await post(path, { headers: { ...save.headers, origin: "http://evil.example" }, data: save.body }),
        { status: 400, code: "malformed" },
      ],
      ["multipart form, no Origin", await post(path, { multipart: formFields }), { status: 400, code: "malformed" }],
      ["urlencoded form, no Origin", await post(path, { form: formFields }), { status: 400, code: "malformed" }],
      [
        "action over 32 KiB",
        await post(path, { headers: { ...save.headers, origin: E2E.appUrl }, data: `["${big}"]` }),
        { status: 413, code: "too-large" },
      ],
      [
        "multipart form over 32 KiB",
        await post(path, { headers: { origin: E2E.appUrl }, multipart: { ...formFields, "1_description": big } }),
        { status: 413, code: "too-large" },
      ],
      [
        "action nested 3000 deep",
        await post(path, {
          headers: { ...save.headers, origin: E2E.appUrl },
          data: `${'{"a":'.repeat(3000)}1${"}".repeat(3000)}`,
        }),
        { status: 400, code: "malformed" },
      ],
    ];
    for (const [what, response, expected] of refusals)
      await expectApiProblem(response, expected, `${what} to ${path}`, onOperation);
  }
  expect(await storedCredentials({ name })).toHaveLength(0);
  expect(await fakeRequestsWith(token)).toHaveLength(0);

  // The ClickUp proxy's bodies are ClickUp's: a form posted there is no action, and reaches the
  // ClickUp proxy, where the key decides (none here). A JSON call without an Origin is an API call too.
  const proxied = await post(`/api/v1/credentials/${randomUUID()}/clickup/list/1/task`, {
    multipart: formFields,
  });
  await expectApiProblem(proxied, { status: 401, code: "unauthenticated" }, "form to a ClickUp proxy path");
  const scripted = await post("/api/v1/credentials", { data: { name, apiKey: token } });
  await expectApiProblem(scripted, { status: 401, code: "unauthenticated" }, "JSON without Origin", {
    document,
    method: "POST",
  });
});
