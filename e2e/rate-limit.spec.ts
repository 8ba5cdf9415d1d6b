import Database from "better-sqlite3";

import { freePort, migratedDatabase, setUpAdmin, startApp, type AppInstance } from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { fakeRequestsWith, fakeToken, fillCredential, startEarlyInAMinute, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// The token-check limit, on a server of its own (the suite's server allows 100000 a minute) with
// its own database, talking to the suite's fake ClickUp.

const LIMIT = 3;
let database: ReturnType<typeof migratedDatabase>;
let app: AppInstance;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  database = migratedDatabase("rate-limit");
  app = startApp({
    port: await freePort(3340, 3359),
    via: "start-script",
    env: {
      DATABASE_URL: database.url,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CLICKUP_TIMEOUT_MS: "1500",
      TOKEN_CHECKS_PER_MINUTE: String(LIMIT),
      CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing!,
    },
  });
  await app.waitUntilServing("/sources/new/clickup", 90_000);
});

test.afterAll(async () => {
  await app?.stop();
  database?.remove();
});

function credentialNames(): string[] {
  const db = new Database(database.file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT name FROM "Credential"').all() as { name: string }[]).map((row) => row.name);
  } finally {
    db.close();
  }
}

test(`after ${LIMIT} token checks in a minute the next save is refused, stores nothing and never reaches ClickUp`, async ({
  page,
}) => {
  test.setTimeout(90_000);
  await setUpAdmin(page, app.url);
  await startEarlyInAMinute(page, 20_000);

  const saves = Array.from({ length: LIMIT + 1 }, (_, index) => ({
    name: uniqueName(`Limited ${index + 1}`),
    apiKey: fakeToken("good"),
  }));
  for (const [index, values] of saves.entries()) {
    // A freshly loaded page for each save: after a server action re-renders the layout, the next
    // dialog's scroll-lock <style> gets a nonce the page's CSP does not allow (a known bug, see
    // components/layout/style-nonce.tsx).
    await page.goto(`${app.url}/sources/new/clickup`);
    await page.getByRole("button", { name: "Add Credential" }).click();
    const dialog = page.getByRole("dialog", { name: "Add New Credential" });
    await expect(dialog).toBeVisible();
    await fillCredential(page, values);
    await dialog.getByRole("button", { name: "Save" }).click();
    if (index < LIMIT) {
      await expect(dialog).toBeHidden();
      await expect(page.getByRole("radio", { name: values.name })).toHaveAttribute("aria-checked", "true");
    } else {
      await expect(dialog.getByRole("alert")).toContainText(
        `Too many token checks from your connection (at most ${LIMIT} a minute)`,
      );
      await expect(dialog.getByRole("alert")).toContainText("Nothing was sent to ClickUp");
      await expect(dialog).toBeVisible();
      await expect(page.getByLabel("Credential Name")).toHaveValue(values.name);
    }
  }

  const [last, ...allowed] = [saves[LIMIT], ...saves.slice(0, LIMIT)];
  expect(credentialNames().sort()).toEqual(allowed.map((values) => values.name).sort());
  for (const values of allowed) expect(await fakeRequestsWith(values.apiKey)).toHaveLength(1);
  expect(await fakeRequestsWith(last.apiKey)).toEqual([]);
  expect(app.output()).not.toContain(last.apiKey);
});
