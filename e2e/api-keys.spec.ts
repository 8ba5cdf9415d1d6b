import { request as playwrightRequest, type Page } from "@playwright/test";

import { E2E } from "./support/e2e-env";
import { databaseBytes, fakeToken, serverLog, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// A personal API key made on /api-keys, then the REST API driven with it against the fake ClickUp.
// (The typed openapi-fetch client over types generated from /api/v1/openapi.json is still to come:
// see the branch's report.)

async function createKey(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Expires").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create API key" }).click();
  const field = page.getByLabel("New API key");
  await expect(field).toHaveAttribute("readonly", "");
  await expect(page.getByRole("button", { name: "Copy API key" })).toBeVisible();
  const key = await field.inputValue();
  expect(key).toMatch(/^cuk_[A-Za-z0-9_-]{43}$/);
  return key;
}

test("create a key in the browser, then manage credentials and create a source through the API", async ({ page }) => {
  const keyName = uniqueName("CI key");
  const key = await createKey(page, keyName);
  const row = page.getByRole("row", { name: new RegExp(keyName) });
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row.getByRole("cell").nth(3)).toHaveText("Never");

  const api = await playwrightRequest.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });
  const token = fakeToken("good");
  const created = await api.post("/api/v1/credentials", {
    data: { connector: "clickup", name: uniqueName("From the API"), apiKey: token },
    headers: { "idempotency-key": crypto.randomUUID() },
  });
  expect(created.status()).toBe(201);
  const credential = await created.json();
  expect(JSON.stringify(credential)).not.toContain(token);

  const listed = await api.get(`/api/v1/credentials?search=${encodeURIComponent(credential.name)}`);
  expect((await listed.json()).data.map((item: { id: string }) => item.id)).toEqual([credential.id]);
  expect((await api.post(`/api/v1/credentials/${credential.id}/verify`)).status()).toBe(200);
  const edited = await api.patch(`/api/v1/credentials/${credential.id}`, {
    data: { description: "managed by CI" },
    headers: { "if-match": created.headers()["etag"] },
  });
  expect(edited.status()).toBe(200);
  const replaced = await api.put(`/api/v1/credentials/${credential.id}/token`, { data: { apiKey: fakeToken("good") } });
  expect(replaced.status()).toBe(200);

  const source = await api.post("/api/v1/sources", {
    data: { credentialId: credential.id, name: uniqueName("API source"), workspaceId: "9001" },
  });
  expect(source.status()).toBe(201);
  const refused = await api.delete(`/api/v1/credentials/${credential.id}`);
  expect(refused.status()).toBe(409);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect((await api.delete(`/api/v1/sources/${(await source.json()).id}`)).status()).toBe(204);
  expect((await api.delete(`/api/v1/credentials/${credential.id}`)).status()).toBe(204);

  // The page shows it was used; the key and the token are nowhere in the clear.
  await page.reload();
  await expect(row.getByRole("cell").nth(3)).not.toHaveText("Never");
  for (const secret of [key, token]) {
    expect(serverLog()).not.toContain(secret);
    expect((await databaseBytes()).includes(Buffer.from(secret))).toBe(false);
  }

  // Revoked: the next call is 401.
  await row.getByRole("button", { name: `Revoke API key ${keyName}` }).click();
  await expect(row).toContainText("Revoked");
  expect((await api.get("/api/v1/credentials")).status()).toBe(401);
  await api.dispose();
});

test("the session cookie alone cannot call the API", async ({ page }) => {
  await page.goto("/credentials");
  // page.request carries the browser's cookies (a signed-in session), and no API key.
  const answer = await page.request.get("/api/v1/credentials");
  expect(answer.status()).toBe(401);
  expect(answer.headers()["content-type"]).toBe("application/problem+json");
});

test("the OpenAPI document is served without a key", async ({ request }) => {
  const answer = await request.get("/api/v1/openapi.json");
  expect(answer.status()).toBe(200);
  expect((await answer.json()).openapi).toBe("3.1.0");
});

test("the API reference page lists the routes, within the page CSP", async ({ page }) => {
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "POST /api/v1/credentials" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "PUT /api/v1/credentials/{id}/token" })).toBeVisible();
});
