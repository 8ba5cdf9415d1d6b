import type { Page } from "@playwright/test";

import { freePort, migratedDatabase, setUpAdmin, startApp, type AppInstance } from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { addCredential, controlFakeToken, fakeRequestsWith, fakeToken, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// The watch (issue #28) on a server of its own — `npm start` with two workers, and a second
// instance on the same SQLite file — checking every 5 seconds, against the suite's fake ClickUp
// (whose controls act on this spec's tokens only).

const INTERVAL_SECONDS = 5;
let database: ReturnType<typeof migratedDatabase>;
let app: AppInstance;
let second: AppInstance;

test.beforeAll(async () => {
  test.setTimeout(150_000);
  database = migratedDatabase("watch");
  const env = {
    DATABASE_URL: database.url,
    CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
    CLICKUP_TIMEOUT_MS: "1500",
    CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
    CREDENTIAL_CHECK_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
  };
  app = startApp({ port: await freePort(3360, 3379), via: "start-script", env: { ...env, WEB_CONCURRENCY: "2" } });
  await app.waitUntilServing("/sources/new/clickup", 90_000);
  second = startApp({ port: await freePort(3380, 3399), via: "next-start", env });
  await second.waitUntilServing("/sources/new/clickup", 90_000);
});

test.afterAll(async () => {
  await Promise.all([app?.stop(), second?.stop()]);
  database?.remove();
});

const userCalls = async (token: string) =>
  (await fakeRequestsWith(token)).filter((request) => request.path === "/api/v2/user").length;

const ADMIN = { name: "Watch Admin", email: "watch.admin@example.test", password: "watch admin passphrase" };
let adminSetUp = false;

/** The first test sets up this server's admin; later ones sign in as them. */
async function signInAsAdmin(page: Page) {
  if (!adminSetUp) {
    await setUpAdmin(page, app.url, ADMIN, () => app.output());
    adminSetUp = true;
    return;
  }
  await page.goto(`${app.url}/sign-in`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${app.url}/`);
}

test("a token ClickUp stops accepting is broken within one interval: the header counts it, the tile and page say so; accepted again, it recovers", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsAdmin(page);
  const name = uniqueName("Watched");
  const token = fakeToken("good");
  await addCredential(page, `${app.url}/sources/new/clickup`, { name, apiKey: token });
  const attention = page.getByRole("banner").getByRole("link", { name: /^Needs attention/ });
  await expect(attention).toBeHidden();

  await controlFakeToken(token, { revoked: true });
  const revokedAt = Date.now();
  // Moving about the app client-side (the header is not re-rendered then), the count appears.
  await expect(async () => {
    await page.getByRole("banner").getByRole("link", { name: "Sources", exact: true }).click();
    await page.getByRole("banner").getByRole("link", { name: "Credentials", exact: true }).click();
    await expect(attention).toHaveAccessibleName("Needs attention 1", { timeout: 1000 });
  }).toPass({ timeout: (INTERVAL_SECONDS * 2 + 5) * 1000 });
  expect(Date.now() - revokedAt).toBeLessThan((INTERVAL_SECONDS * 1.1 + 5) * 1000);

  await attention.click();
  await expect(page).toHaveURL(/\/credentials\?state=attention$/);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Broken: ClickUp no longer accepts the token");
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("region", { name: "Affected sources and destinations" })).toContainText(
    "Replace token with one ClickUp accepts.",
  );
  await expect(page.getByRole("region", { name: "Activity" }).getByRole("listitem").first()).toContainText(
    "ClickUp stopped accepting this token",
  );
  await page.goto(`${app.url}/sources/new/clickup`);
  await expect(page.getByRole("radio", { name: new RegExp(name) })).toContainText("Needs attention");

  await controlFakeToken(token, { revoked: false });
  await expect(async () => {
    await page.reload();
    await expect(page.getByRole("radio", { name: new RegExp(name) })).not.toContainText("Needs attention", {
      timeout: 1000,
    });
  }).toPass({ timeout: (INTERVAL_SECONDS * 2 + 5) * 1000 });
  await expect(attention).toBeHidden();
  expect(await page.content()).not.toContain(token);
});

test("two workers and a second instance on one database ask ClickUp about each credential once per interval", async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsAdmin(page);
  const tokens = [fakeToken("good"), fakeToken("good"), fakeToken("good")];
  for (const token of tokens)
    await addCredential(page, `${app.url}/sources/new/clickup`, { name: uniqueName("Counted"), apiKey: token });
  const before = await Promise.all(tokens.map(userCalls));
  const windowSeconds = 4 * INTERVAL_SECONDS;
  await page.waitForTimeout(windowSeconds * 1000);
  const asked = (await Promise.all(tokens.map(userCalls))).map((count, index) => count - before[index]);
  // At most one check per interval each (plus one straddling the window's edges); at least one.
  for (const count of asked) {
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(windowSeconds / INTERVAL_SECONDS + 1);
  }
});
