import http from "node:http";
import type { APIRequestContext } from "@playwright/test";

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
