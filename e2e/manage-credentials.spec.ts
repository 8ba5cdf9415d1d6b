import { type Page } from "@playwright/test";

import {
  addCredential,
  continueToConfigure,
  controlFakeToken,
  fakeCallLog,
  fakeToken,
  revokeAtFakeClickUp,
  startEarlyInAMinute,
  storedCredentials,
  uniqueName,
  writeDatabase,
} from "./support/helpers";
import { expect, test } from "./support/test";

async function openDetail(page: Page, name: string) {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Credentials", exact: true }).click();
  await page.getByRole("searchbox", { name: "Search" }).fill(name);
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status")).toHaveText("1 credential match.");
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

const activity = (page: Page) => page.getByRole("region", { name: "Activity" });

test("the list searches and filters; Verify now records success, then a revoked token needs attention", async ({
  page,
}) => {
  const name = uniqueName("Verify me");
  const token = fakeToken("good");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: token, description: "Checked often" });

  await page.goto("/credentials?q=no-such-credential-anywhere");
  await expect(page.getByRole("status")).toHaveText("No credentials match this search.");
  await page.goto(`/credentials?connector=clickup&q=${encodeURIComponent("CHECKED OFTEN")}`);
  await expect(page.getByRole("link", { name })).toBeVisible();

  await openDetail(page, name);
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status")).toHaveText("ClickUp confirmed the token.");
  await expect(activity(page).getByRole("listitem").first()).toContainText("Verified");
  // Pressed again with the same outcome: the same entry counts it, rather than a second row.
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(activity(page).getByRole("listitem").first()).toContainText(
    /Verified · .* · by Ada Admin · 2 times, the last /,
  );
  await expect(
    activity(page)
      .getByRole("listitem")
      .filter({ hasText: /^Verified ·/ }),
  ).toHaveCount(1);

  await revokeAtFakeClickUp(token);
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("ClickUp rejected this API key");
  // The credential's own badge (the header's "Needs attention" link counts every credential).
  await expect(page.getByRole("main").getByText("Needs attention", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /^Needs attention \d+$/ })).toBeVisible();
  // The refusal changed its state: one entry says so, with ClickUp's reason.
  await expect(activity(page).getByRole("listitem").first()).toContainText(
    /State changed · .*ClickUp stopped accepting this token: ClickUp rejected this API key/,
  );

  await page.goto("/sources/new/clickup");
  await expect(page.getByRole("radio", { name })).toContainText("Needs attention");
  expect(await page.content()).not.toContain(token);
});

test("Edit uses the same form, by keyboard, and focus returns to the Edit button", async ({ page }) => {
  const name = uniqueName("Editable");
  const renamed = uniqueName("Renamed");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
  await openDetail(page, name);

  const edit = page.getByRole("button", { name: "Edit" });
  await edit.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Edit Credential" });
  await expect(page.getByLabel("Credential Name")).toBeFocused();
  await expect(page.getByLabel("Credential Name")).toHaveValue(name);
  await expect(dialog.getByLabel("API Key")).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();

  await page.keyboard.press("Enter");
  await page.getByLabel("Credential Name").fill(renamed);
  await page.getByLabel("Credential Description").fill("Now described");
  await page.getByLabel("Credential Name").press("Enter"); // Enter in a text field submits
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(activity(page).getByRole("listitem").first()).toContainText(
    `Changed name "${name}" → "${renamed}" and description`,
  );
});

test("the owner sets Calls per minute (the token's rate budget) in Edit", async ({ page }) => {
  const name = uniqueName("Budgeted");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
  await openDetail(page, name);
  const details = page.getByRole("definition").filter({ hasText: "calls a minute" });
  await expect(details).toHaveText(/^100 calls a minute/);

  await page.getByRole("button", { name: "Edit" }).click();
  const dialog = page.getByRole("dialog", { name: "Edit Credential" });
  const field = dialog.getByRole("spinbutton", { name: "Calls per minute" });
  await expect(field).toHaveValue("100");
  await expect(field).toHaveAccessibleDescription(/100 on most plans, 1,000 on Business Plus, 10,000 on Enterprise/);
  await field.fill("0");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(field).toHaveAccessibleDescription(/Enter a whole number of calls from 1 to 10000\./);
  await expect(field).toBeFocused();
  await field.fill("1000");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(details).toHaveText(/^1000 calls a minute/);
  expect((await storedCredentials({ name }))[0].callsPerMinute).toBe(1000);
  await expect(activity(page).getByRole("listitem").first()).toContainText("Changed calls per minute 100 → 1000.");
});

test("Verify now spends from the token's rate budget: past Calls per minute the app refuses, not ClickUp", async ({
  page,
}) => {
  const name = uniqueName("Two a minute");
  const token = fakeToken("good");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: token });
  await openDetail(page, name);
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("spinbutton", { name: "Calls per minute" }).fill("2");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  // ClickUp itself allows the token two calls a minute from here on (its plan, as the fake plays it).
  await controlFakeToken(token, { limitPerMinute: 2 });
  // The page counts the busiest clock minute: both calls in one.
  await startEarlyInAMinute(page, 15_000);

  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status")).toHaveText("ClickUp confirmed the token.");
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(activity(page).getByRole("listitem").first()).toContainText("2 times");
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("used all its ClickUp calls for this minute");
  const calls = await fakeCallLog(token);
  expect(calls.map((call) => call.status)).toEqual([200, 200]);

  // The page shows the budget in use, and whose the calls were.
  await page.reload();
  const budget = page.getByRole("region", { name: "Rate budget in use" });
  await expect(budget).toContainText("In the last hour: 2 calls to ClickUp");
  await expect(budget).toContainText("the busiest minute 2 of 2), 0 waited for room, 1 refused.");
  await expect(budget.getByRole("row", { name: /Ada Admin 2 0 1/ })).toBeVisible();

  // Attaching another source to it warns that the budget is nearly spent.
  const [{ id }] = await storedCredentials({ name });
  await page.goto(`/sources/new/clickup/configure?credential=${id}`);
  await expect(page.getByText("Rate budget nearly spent.")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("made up to 2 of its 2 ClickUp calls a minute in the last hour");
});

test("a stale edit from a second tab is refused instead of overwriting", async ({ page, context }) => {
  const name = uniqueName("Two tabs");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
  await openDetail(page, name);
  const second = await context.newPage();
  await second.goto(page.url());

  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Credential Description").fill("First tab wins");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");

  await second.getByRole("button", { name: "Edit" }).click();
  await second.getByLabel("Credential Description").fill("Second tab would overwrite");
  await second.getByRole("button", { name: "Save" }).click();
  await expect(second.getByRole("dialog").getByRole("alert")).toContainText("changed elsewhere");
  expect((await storedCredentials({ name }))[0].description).toBe("First tab wins");
});

test("Replace token: a rejected one changes nothing; another account's needs confirming", async ({ page }) => {
  const name = uniqueName("Rotating");
  const original = fakeToken("good");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: original });
  await openDetail(page, name);
  const [before] = await storedCredentials({ name });

  await page.getByRole("button", { name: "Replace token" }).click();
  const dialog = page.getByRole("dialog", { name: "Replace Token" });
  await expect(dialog.getByLabel("API Key")).toHaveValue("");
  await dialog.getByLabel("API Key").fill(fakeToken("revoked"));
  await dialog.getByRole("button", { name: "Verify and replace" }).click();
  await expect(dialog.getByRole("alert")).toContainText("ClickUp rejected this API key");
  expect((await storedCredentials({ name }))[0].secretCiphertext).toBe(before.secretCiphertext);

  const other = fakeToken("other");
  await dialog.getByLabel("API Key").fill(other);
  await dialog.getByRole("button", { name: "Verify and replace" }).click();
  await expect(dialog.getByRole("alert")).toContainText("belongs to a different ClickUp account");
  await expect(dialog.getByRole("alert")).toContainText("Grace Hopper");
  expect((await storedCredentials({ name }))[0].secretCiphertext).toBe(before.secretCiphertext);
  await dialog.getByRole("button", { name: "Replace and switch ClickUp account" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText("Token replaced");
  await expect(page.getByText("Grace Hopper (grace@example.test)", { exact: true })).toBeVisible();
  await expect(page.getByText(`ending …${other.slice(-4)} (the full token is never shown)`)).toBeVisible();
  await expect(activity(page).getByRole("listitem").first()).toContainText("account changed from Ada Lovelace");
  const html = await page.content();
  expect(html).not.toContain(original);
  expect(html).not.toContain(other);
});

test("Delete is refused while a source uses it, naming the source; once unused it deletes", async ({ page }) => {
  const name = uniqueName("In use");
  const sourceName = uniqueName("Dependent source");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
  await continueToConfigure(page);
  await page.getByLabel("Name").fill(sourceName);
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: sourceName })).toBeVisible();

  await openDetail(page, name);
  await expect(page.getByRole("region", { name: "Where used" }).getByRole("link", { name: sourceName })).toBeVisible();
  const deleteButton = page.getByRole("button", { name: "Delete" });
  await deleteButton.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("alertdialog", { name: "Delete Credential" });
  await expect(dialog).toContainText("cannot be deleted");
  await expect(dialog.getByRole("link", { name: sourceName })).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(deleteButton).toBeFocused();
  expect(await storedCredentials({ name })).toHaveLength(1);

  // Once nothing uses it, the same dialog offers Delete.
  await writeDatabase('DELETE FROM "Endpoint" WHERE name = ?', sourceName);
  await page.reload();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(dialog).toContainText("No source or destination uses it");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status").first()).toHaveText(`Deleted “${name}”.`);
  expect(await storedCredentials({ name })).toHaveLength(0);
  // Said once, by the app: a reload, or a link crafted to claim a deletion, says nothing.
  await page.reload();
  await expect(page.getByText(`Deleted “${name}”.`)).toHaveCount(0);
  await page.goto("/credentials?deleted=Production%20ClickUp&removed=Payroll");
  await expect(page.getByRole("heading", { name: "Credentials" })).toBeVisible();
  await expect(page.getByText(/Deleted “|Removed “/)).toHaveCount(0);
});

test("a credential that was put in use after the page loaded is not deleted", async ({ page }) => {
  const name = uniqueName("Race");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
  await openDetail(page, name);
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete Credential" });
  await expect(dialog).toContainText("No source or destination uses it");

  const [row] = await storedCredentials({ name });
  const sneaky = uniqueName("Sneaky source");
  await writeDatabase(
    'INSERT INTO "Endpoint" (id, kind, connector, name, "nameKey", "workspaceId", "workspaceName", "credentialId") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    crypto.randomUUID(),
    "source",
    "clickup",
    sneaky,
    sneaky.toLowerCase(),
    "9001",
    "Analytics Workspace",
    row.id,
  );
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(dialog.getByRole("alert")).toContainText("is used by 1 source or destination");
  await expect(dialog.getByRole("link", { name: sneaky })).toBeVisible();
  expect(await storedCredentials({ name })).toHaveLength(1);
});

test("a credential whose key is gone shows 'needs re-entry' instead of breaking pages", async ({ page }) => {
  const name = uniqueName("Orphaned key");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
  await writeDatabase('UPDATE "Credential" SET "secretKeyId" = ? WHERE name = ?', "retired-key", name);

  await openDetail(page, name);
  await expect(page.getByText("Needs re-entry").first()).toBeVisible();
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("can no longer be decrypted");
  await page.goto("/sources/new/clickup");
  await expect(page.getByRole("radio", { name })).toContainText("Needs re-entry");
});
