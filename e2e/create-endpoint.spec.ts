import { addCredential, continueToConfigure, fakeRequestsWith, fakeToken, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

test("from the home page: catalogue, Authenticate, Configure with live Workspaces, Create, and the source's page", async ({
  page,
}) => {
  const credentialName = uniqueName("Pipeline creds");
  const token = fakeToken("good");
  const sourceName = uniqueName("Tasks source");

  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "New source" }).click();
  await expect(page).toHaveURL(/\/sources\/new$/);
  await page.getByRole("link", { name: /ClickUp/ }).click();
  await expect(page.getByRole("heading", { name: "Authenticate" })).toBeVisible();

  await addCredential(page, page.url(), { name: credentialName, apiKey: token });
  await continueToConfigure(page);

  await expect(page.getByRole("heading", { name: "Configure" })).toBeVisible();
  const workspace = page.getByLabel("Workspace");
  await expect(workspace.getByRole("option")).toHaveText([
    "Choose a Workspace",
    "Analytics Workspace",
    "Marketing Workspace",
  ]);
  const teamRequests = (await fakeRequestsWith(token)).filter((request) => request.path === "/api/v2/team");
  expect(teamRequests.map((request) => request.authorization)).toEqual([token]);

  await page.getByLabel("Name").fill(sourceName);
  await workspace.selectOption({ label: "Marketing Workspace" });
  await page.getByRole("button", { name: "Create" }).click();

  await expect(page.getByRole("heading", { name: sourceName })).toBeVisible();
  await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}$/);
  await expect(page.getByText(`${credentialName} — Ada Lovelace (ada@example.test)`)).toBeVisible();
  await expect(page.getByText("Marketing Workspace (id 9002)")).toBeVisible();
  expect(await page.content()).not.toContain(token);

  await page.goto("/sources");
  const row = page.getByRole("row", { name: new RegExp(sourceName) });
  await expect(row).toContainText("Marketing Workspace");
  await expect(row).toContainText(credentialName);
});

test("tiles are a single-choice group: one tab stop, arrow keys move the selection, Continue by keyboard", async ({
  page,
}) => {
  const name = uniqueName("Keyboard");
  await addCredential(page, "/destinations/new/clickup", { name, apiKey: fakeToken("good") });
  await addCredential(page, "/destinations/new/clickup", {
    name: uniqueName("Keyboard neighbour"),
    apiKey: fakeToken("good"),
  });
  await page.reload();
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);

  // Tab from "Add Credential" enters the group once, on its first tile.
  await page.getByRole("button", { name: "Add Credential" }).focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("radio").first()).toBeFocused();

  const tile = page.getByRole("radio", { name });
  await tile.focus();
  await page.keyboard.press("Space");
  await expect(tile).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("ArrowLeft");
  await expect(tile).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("radio", { checked: true })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(tile).toBeFocused();
  await expect(tile).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(1);

  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Continue" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Configure" })).toBeVisible();
  await expect(page.getByText(`Using credential ${name}`)).toBeVisible();
});

test("one credential used by a source and a destination shows its in-use count on the tile", async ({ page }) => {
  const credentialName = uniqueName("Shared creds");
  const sourceName = uniqueName("Shared source");
  await addCredential(page, "/sources/new/clickup", { name: credentialName, apiKey: fakeToken("good") });

  for (const [kind, name] of [
    ["sources", sourceName],
    ["destinations", sourceName],
  ] as const) {
    await page.goto(`/${kind}/new/clickup`);
    await page.getByRole("radio", { name: credentialName }).click();
    await continueToConfigure(page);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
    await page.getByRole("button", { name: "Create" }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/${kind}/[0-9a-f-]{36}$`));
  }

  await page.goto("/sources/new/clickup");
  await expect(page.getByRole("radio", { name: credentialName })).toContainText("Used by 2 sources and destinations");
});
