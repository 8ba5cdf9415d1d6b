import type { Browser, BrowserContextOptions } from "@playwright/test";

import { freePort, migratedDatabase, setUpAdmin, startApp, type AppInstance } from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { expect, test } from "./support/test";

// After signing in, the browser goes to the page it came for (`/sign-in?next=…`), and never to
// another site however `next` is spelled. On a server of its own, so its sign-in attempts (each one
// counts against the sign-in limits) leave the suite's allowance alone.

const ADMIN = { name: "Return Admin", email: "return.admin@example.test", password: "return path passphrase" };
const EVIL_HOST = "evil.example";
const elsewhere = (url: string) => new URL(url).hostname === EVIL_HOST;
let database: ReturnType<typeof migratedDatabase>;
let app: AppInstance;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  database = migratedDatabase("return-path");
  app = startApp({
    port: await freePort(3390, 3394),
    via: "start-script",
    env: {
      DATABASE_URL: database.url,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
    },
  });
  await app.waitUntilServing("/sign-in", 90_000);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await setUpAdmin(await context.newPage(), app.url, ADMIN);
  await context.close();
});

test.afterAll(async () => {
  await app?.stop();
  database?.remove();
});

/**
 * Signs in from /sign-in?next=<next> in a fresh browser and returns every URL the browser went to
 * afterwards. Another site answers with a page of its own (nothing leaves this machine), so a
 * redirect there shows up as a navigation to it.
 */
async function signInWith(browser: Browser, next: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, ...options });
  const page = await context.newPage();
  const visited: string[] = [];
  await context.route(
    (url) => url.hostname === EVIL_HOST,
    (route) => route.fulfill({ contentType: "text/html", body: "<h1>Somewhere else</h1>" }),
  );
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  await page.goto(`${app.url}/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Give a client-side redirect that follows the first one the chance to happen.
  await page.waitForLoadState("networkidle");
  const landed = page.url();
  await context.close();
  return { landed, visited };
}

test("after signing in with a hostile next=, the browser is still on this site", async ({ browser }) => {
  test.setTimeout(120_000);
  const hostile = [
    `/.//${EVIL_HOST}`,
    `/..//${EVIL_HOST}/credentials`,
    `/%2e%2e//${EVIL_HOST}`,
    `/%2F%2F${EVIL_HOST}`,
    `/\\${EVIL_HOST}`,
    `https:${EVIL_HOST}`,
  ];
  for (const next of hostile) {
    const { landed, visited } = await signInWith(browser, next);
    expect(new URL(landed).origin, `next=${next} landed on ${landed}`).toBe(app.url);
    expect(visited.filter(elsewhere), `next=${next}`).toEqual([]);
  }
});

test("without JavaScript too (the form posts and the server redirects), a hostile next= stays on this site", async ({
  browser,
}) => {
  const { landed, visited } = await signInWith(browser, `/.//${EVIL_HOST}`, { javaScriptEnabled: false });
  expect(new URL(landed).origin, landed).toBe(app.url);
  expect(visited.filter(elsewhere)).toEqual([]);
});

test("a harmless next= still brings the person back to the page they asked for", async ({ browser }) => {
  const { landed } = await signInWith(browser, "/credentials?q=a%20b");
  expect(landed).toBe(`${app.url}/credentials?q=a%20b`);
});
