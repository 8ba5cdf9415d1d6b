import { request as playwrightRequest } from "@playwright/test";

import { createApiKeyInBrowser } from "./support/api-keys";
import { expectNoAxeViolations } from "./support/axe";
import { queryRows } from "./support/database";
import { E2E } from "./support/e2e-env";
import { databaseBytes, fakeToken, serverLog, uniqueName, writeDatabase } from "./support/helpers";
import { expect, test } from "./support/test";

// A personal API key's life on /api-keys: shown once, used (the page says when), revoked (the API
// answers 401). The API itself is driven by a typed client in api-typed-client.spec.ts.

test("a key is shown once, records its last use, and stops working when revoked", async ({ page }) => {
  const keyName = uniqueName("CI key");
  const key = await createApiKeyInBrowser(page, keyName);
  const row = page.getByRole("row", { name: new RegExp(keyName) });
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row.getByRole("cell").nth(3)).toHaveText("Never");

  const api = await playwrightRequest.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: { authorization: `Bearer ${key}` },
  });
  expect((await api.get("/api/v1/credentials")).status()).toBe(200);

  // Gone once the page is left: only the prefix is shown again, and the key is nowhere in the clear.
  await page.reload();
  await expect(page.getByRole("textbox", { name: "New API key" })).toHaveCount(0);
  await expect(row.getByRole("cell").nth(3)).not.toHaveText("Never");
  expect(serverLog()).not.toContain(key);
  expect((await databaseBytes()).includes(Buffer.from(key))).toBe(false);

  // Revoked: the next call is 401.
  await row.getByRole("button", { name: `Revoke API key ${keyName}` }).click();
  await expect(row).toContainText("Revoked");
  const refused = await api.get("/api/v1/credentials");
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  await api.dispose();
});

const SCOPES = ["credentials:read", "credentials:write", "endpoints:read", "endpoints:write", "proxy"];

test("each API key scope is a checkbox named exactly so, all checked; choosing none is refused, announced", async ({
  page,
}) => {
  await page.goto("/api-keys");
  const scopes = page.getByRole("group", { name: "Scopes" });
  for (const scope of SCOPES) await expect(scopes.getByRole("checkbox", { name: scope, exact: true })).toBeChecked();
  // By keyboard: Tab to the first, Space to uncheck each.
  await scopes.getByRole("checkbox", { name: SCOPES[0], exact: true }).focus();
  for (const scope of SCOPES) {
    await expect(scopes.getByRole("checkbox", { name: scope, exact: true })).toBeFocused();
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
  }
  // With proxy unchecked, there is nothing to restrict it to.
  await expect(page.getByRole("group", { name: /Proxy only through/ })).toHaveCount(0);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(uniqueName("No scope"));
  await page.getByRole("button", { name: "Create API key" }).click();
  const error = scopes.getByText("Choose at least one scope.");
  await expect(error).toBeVisible();
  // Said with the group, and in a live region: a screen reader hears it.
  await expect(scopes).toHaveAccessibleDescription(/Choose at least one scope\./);
  await expect(error).toHaveAttribute("aria-live", "polite");
  await expect(page.getByRole("textbox", { name: "New API key" })).toHaveCount(0);
  await expectNoAxeViolations(page, "/api-keys refusing a key without scopes");
});

test("the Pipeline key preset makes a proxy-only key for one source; the list and the API show its scopes", async ({
  page,
}) => {
  // A source to make the key for, through the API with a key that has every scope.
  const full = await createApiKeyInBrowser(page, uniqueName("Setup key"));
  const api = await playwrightRequest.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: { authorization: `Bearer ${full}` },
  });
  const credential = await (
    await api.post("/api/v1/credentials", {
      data: { connector: "clickup", name: uniqueName("Pipeline credential"), apiKey: fakeToken("good") },
    })
  ).json();
  const sourceName = uniqueName("Pipeline source");
  const source = await api.post("/api/v1/sources", {
    data: { credentialId: credential.id, name: sourceName, workspaceId: "9001" },
  });
  expect(source.status()).toBe(201);
  await api.dispose();

  await page.goto("/api-keys");
  await expect(page.getByText(/recommended way to let a pipeline use a credential/)).toBeVisible();
  await page.getByRole("button", { name: "Pipeline key" }).click();
  const scopes = page.getByRole("group", { name: "Scopes" });
  for (const scope of SCOPES)
    await expect(scopes.getByRole("checkbox", { name: scope, exact: true })).toBeChecked({
      checked: scope === "proxy",
    });
  const targets = page.getByRole("group", { name: /Proxy only through/ });
  await expect(page.getByRole("status").filter({ hasText: /Pipeline key/ })).toBeVisible();
  // Focus waits on the first source to choose from.
  await expect(targets.getByRole("checkbox", { name: /^Source / }).first()).toBeFocused();
  await targets.getByRole("checkbox", { name: `Source ${sourceName}`, exact: true }).check();
  const keyName = uniqueName("Pipeline");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(keyName);
  await page.getByRole("button", { name: "Create API key" }).click();
  const pipelineKey = await page.getByRole("textbox", { name: "New API key" }).inputValue();

  const row = page.getByRole("row", { name: new RegExp(keyName) });
  await expect(row).toContainText("proxy");
  await expect(row).not.toContainText("credentials:read");
  await expect(row).toContainText(`Only through source “${sourceName}”`);

  const pipeline = await playwrightRequest.newContext({
    baseURL: E2E.appUrl,
    extraHTTPHeaders: { authorization: `Bearer ${pipelineKey}` },
  });
  const refused = await pipeline.get("/api/v1/credentials");
  expect(refused.status()).toBe(403);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
  expect(await refused.json()).toMatchObject({ code: "missing-scope", scope: "credentials:read" });
  const listed = await (await pipeline.get("/api/v1/api-keys")).json();
  expect(listed.data.find((key: { name: string }) => key.name === keyName)).toMatchObject({
    scopes: ["proxy"],
    everyScope: false,
    proxyTargets: [{ kind: "source", name: sourceName }],
  });
  await pipeline.dispose();
});

test("a key made before scopes is listed as having every scope", async ({ page }) => {
  const keyName = uniqueName("Old key");
  await createApiKeyInBrowser(page, keyName);
  await writeDatabase('UPDATE "ApiKey" SET scopes = NULL WHERE name = ?', keyName);
  await page.reload();
  await expect(page.getByRole("row", { name: new RegExp(keyName) })).toContainText("Every scope (made before scopes)");
});

test("a revoked or expired key can be deleted after confirming; a live one offers only Revoke", async ({ page }) => {
  const revokedName = uniqueName("Old key");
  const expiredName = uniqueName("Lapsed key");
  await createApiKeyInBrowser(page, revokedName);
  await createApiKeyInBrowser(page, expiredName);
  const revokedRow = page.getByRole("row", { name: new RegExp(revokedName) });
  const deleteRevoked = revokedRow.getByRole("button", { name: `Delete API key ${revokedName}` });
  await expect(revokedRow.getByRole("button", { name: `Revoke API key ${revokedName}` })).toBeVisible();
  await expect(deleteRevoked).toHaveCount(0);

  await revokedRow.getByRole("button", { name: `Revoke API key ${revokedName}` }).click();
  await expect(revokedRow).toContainText("Revoked");
  // Cancel keeps it, and focus goes back to the button that opened the question.
  await deleteRevoked.click();
  const dialog = page.getByRole("alertdialog", { name: "Delete API key" });
  await expect(dialog).toContainText(revokedName);
  await expectNoAxeViolations(page, "/api-keys asking to delete a revoked key");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(deleteRevoked).toBeFocused();
  await deleteRevoked.click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(revokedRow).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Your API keys" })).toBeFocused();
  expect(await queryRows('SELECT id FROM "ApiKey" WHERE name = ?', revokedName)).toEqual([]);

  // An expired key (never revoked) no longer works: it can be deleted as it is.
  await writeDatabase(
    'UPDATE "ApiKey" SET "expiresAt" = ? WHERE name = ?',
    new Date(Date.now() - 60_000).toISOString(),
    expiredName,
  );
  await page.reload();
  const expiredRow = page.getByRole("row", { name: new RegExp(expiredName) });
  await expect(expiredRow).toContainText("Expired");
  await expect(expiredRow.getByRole("button", { name: `Revoke API key ${expiredName}` })).toHaveCount(0);
  await expiredRow.getByRole("button", { name: `Delete API key ${expiredName}` }).click();
  await dialog.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(expiredRow).toHaveCount(0);
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
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await page.goto("/api/docs");
  await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "POST /api/v1/credentials", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "PUT /api/v1/credentials/{id}/token", exact: true })).toBeVisible();
  // Each route says the API key scope it needs.
  const listCredentials = page.getByRole("region", { name: "GET /api/v1/credentials", exact: true });
  await expect(listCredentials).toContainText("API key scope: credentials:read");
  await expect(page.getByRole("region", { name: "POST /api/v1/webhooks", exact: true })).toContainText(
    "API key scope: every scope",
  );
  await expect(page.getByRole("region", { name: "GET /api/v1/api-keys", exact: true })).toContainText(
    "API key scope: any key",
  );
  expect(violations).toEqual([]);
});

test("the API reference shows the document's `code` spans as code, and links the document visibly", async ({
  page,
}) => {
  await page.goto("/api/docs");
  const main = page.getByRole("main");
  await expect(main.locator("code", { hasText: "Authorization: Bearer <key>" })).toBeVisible();
  // Routes and answers are read as text; only schemas (JSON, in their own regions) may hold a backtick.
  const prose = await main.evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    copy.querySelectorAll("pre").forEach((pre) => pre.remove());
    return copy.textContent ?? "";
  });
  expect(prose).not.toContain("`");
  const documentLink = main.getByRole("link", { name: "/api/v1/openapi.json" });
  await expect(documentLink).toHaveAttribute("href", "/api/v1/openapi.json");
  // Looks like a link, not like the text around it.
  expect(await documentLink.evaluate((link) => getComputedStyle(link).textDecorationLine)).toBe("underline");
});

test("a problem's type leads to its code, status and meaning in the API reference", async ({ page, request }) => {
  // The browser's session cookie is no API key: the API answers "unauthenticated".
  const answer = await request.get("/api/v1/credentials");
  const problem = await answer.json();
  expect(problem).toMatchObject({ status: 401, code: "unauthenticated", type: "/api/docs#problem-unauthenticated" });
  await page.goto(problem.type);
  const entry = page.locator("#problem-unauthenticated");
  await expect(entry).toContainText("unauthenticated (401)");
  await expect(entry).toContainText("No API key, or one that is unknown, revoked or expired.");
  await expect(entry).toBeInViewport();
});
