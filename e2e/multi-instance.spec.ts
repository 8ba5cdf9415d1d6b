import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";

import { createApiKeyInBrowser } from "./support/api-keys";
import { queryRows } from "./support/database";
import { E2E } from "./support/e2e-env";
import { continueToConfigure, fakeRequestsWith, fakeToken, startEarlyInAMinute, uniqueName } from "./support/helpers";
import { fiveCallersShareOneBudget, saveCredentialThroughApi } from "./support/proxy-callers";
import { learnSaveAction, postSave, randomAddress } from "./support/save-action";
import { startAppInstance, type AppInstance } from "./support/shared-app-instance";
import { expect, test } from "./support/test";

// Two more instances of the app on the suite's PostgreSQL database: nothing may live in one
// process's memory. (Runs in the PostgreSQL pass only — see playwright.config.ts: instances on
// several machines are the PostgreSQL deployment; several workers of one instance on SQLite are
// tested in workers.spec.ts.)
test.describe.configure({ mode: "serial" });

let first: AppInstance;
let second: AppInstance;
let saveAction: string;

// A burst's saves wait their turn for a connection (lib/db/transaction-slots.ts) up to
// DATABASE_BUSY_TIMEOUT_MS; on a loaded two-core machine (CI: two Playwright workers and several app
// processes) 100 saves can take longer than the 5 s default, so the bound here is generous.
const instanceEnv = { TOKEN_CHECKS_PER_MINUTE: "5", CLICKUP_TIMEOUT_MS: "20000", DATABASE_BUSY_TIMEOUT_MS: "30000" };

test.beforeAll(async () => {
  [first, second] = await Promise.all([startAppInstance(3241, instanceEnv), startAppInstance(3242, instanceEnv)]);
});

test.afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
});

/** Posts the Save action as the browser would, from a client address of our choosing. */
const save = (
  request: APIRequestContext,
  baseUrl: string,
  values: { name: string; apiKey: string },
  clientAddress: string,
) => postSave(request, baseUrl, saveAction, values, clientAddress);

test("a credential saved through one instance is listed and usable through the other", async ({ page }) => {
  // The page's own request context: it carries the signed-in session cookie (valid on both instances).
  const request = page.request;
  saveAction = await learnSaveAction(page, first.url);
  const name = uniqueName("Shared across instances");
  const token = fakeToken("good");
  const saved = await save(request, first.url, { name, apiKey: token }, randomAddress());
  expect(saved.status).toBe(200);
  expect(saved.body).toContain('"ok":true');

  await page.goto(`${second.url}/sources/new/clickup`);
  await page.getByRole("radio", { name }).click();
  await continueToConfigure(page);
  await expect(page.getByLabel("Workspace").getByRole("option", { name: "Analytics Workspace" })).toBeAttached();
  // The second process decrypted the first one's ciphertext and called ClickUp with the token.
  expect((await fakeRequestsWith(token)).map((r) => r.path)).toEqual(["/api/v2/user", "/api/v2/team"]);
});

test("100 concurrent saves spread over both instances lose nothing and duplicate nothing", async ({ page }) => {
  // The page's own request context: it carries the signed-in session cookie (valid on both instances).
  const request = page.request;
  const prefix = uniqueName("Burst");
  const names = Array.from({ length: 50 }, (_, index) => `${prefix} ${index}`);
  // Every name is saved twice at once, once through each instance: exactly one of each pair may win.
  const attempts = names.flatMap((name) =>
    [first, second].map((instance) =>
      save(request, instance.url, { name, apiKey: fakeToken("good") }, randomAddress()),
    ),
  );
  const results = await Promise.all(attempts);

  expect(results.map((result) => result.status)).toEqual(results.map(() => 200));
  // Waiting for a connection under the burst is not a bug (once 15 of 100 said so).
  expect(results.filter((result) => result.body.includes("Something went wrong"))).toEqual([]);
  const unexpected = results.filter(
    (result) => !result.body.includes('"ok":true') && !result.body.includes("already exists"),
  );
  expect(
    unexpected.map((result) => result.body.slice(-200)),
    "answers that were neither a save nor a duplicate",
  ).toEqual([]);
  expect(results.filter((result) => result.body.includes('"ok":true'))).toHaveLength(50);
  expect(results.filter((result) => result.body.includes("already exists"))).toHaveLength(50);
  const rows = await queryRows<{ name: string }>('SELECT name FROM "Credential" WHERE name LIKE ?', `${prefix} %`);
  expect(rows.map((row) => row.name).sort()).toEqual([...names].sort());
});

test("the token-check limit is shared by both instances", async ({ page }) => {
  // The page's own request context: it carries the signed-in session cookie (valid on both instances).
  const request = page.request;
  const client = `203.0.113.${randomBytes(1)[0]}`;
  await startEarlyInAMinute(page, 20_000);
  const results = [];
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const instance = attempt % 2 === 0 ? first : second;
    results.push(await save(request, instance.url, { name: uniqueName("Limited"), apiKey: fakeToken("good") }, client));
  }
  // Each process allows 5 a minute; counted in one process's memory, 8 alternating saves would all pass.
  expect(results.filter((result) => result.body.includes('"ok":true'))).toHaveLength(5);
  expect(results.filter((result) => result.body.includes("Too many token checks"))).toHaveLength(3);
});

test("five pipelines calling through both instances share one credential's rate budget: ClickUp answers no 429, and each call goes through or is told Retry-After by us", async ({
  page,
}) => {
  const key = await createApiKeyInBrowser(page, uniqueName("Five pipelines"));
  const shared = { name: uniqueName("Shared budget"), token: fakeToken("good") };
  // Saved through the suite's own server: these instances allow few token checks a minute.
  const credentialId = await saveCredentialThroughApi(E2E.appUrl, key, shared);
  const { through, refused } = await fiveCallersShareOneBudget({
    appUrls: [first.url, second.url],
    credentialId,
    token: shared.token,
    apiKey: key,
    limit: 5,
    callsEach: 3,
  });
  expect(through + refused).toBe(15);
});
