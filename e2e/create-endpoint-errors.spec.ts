import { type Page } from "@playwright/test";

import {
  addCredential,
  continueToConfigure,
  fakeToken,
  revokeAtFakeClickUp,
  uniqueName,
  writeDatabase,
} from "./support/helpers";
import { expect, test } from "./support/test";

function endpointsNamed(name: string) {
  return writeDatabase('UPDATE "Endpoint" SET name = name WHERE name = ?', name);
}

async function toConfigure(page: Page, credentialName: string, path = "/sources/new/clickup") {
  await page.goto(path);
  await page.getByRole("radio", { name: credentialName }).click();
  await continueToConfigure(page);
}

test("a credential ClickUp no longer accepts: explained, and going back keeps the name typed so far", async ({
  page,
}) => {
  const revokedName = uniqueName("Regenerated");
  const revokedToken = fakeToken("good");
  const fallbackName = uniqueName("Fallback");
  const sourceName = uniqueName("Kept name");
  await addCredential(page, "/sources/new/clickup", { name: fallbackName, apiKey: fakeToken("good") });
  await addCredential(page, "/sources/new/clickup", { name: revokedName, apiKey: revokedToken });
  await revokeAtFakeClickUp(revokedToken);

  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    `ClickUp no longer accepts the token of "${revokedName}"`,
  );
  await expect(page.getByRole("button", { name: "Create" })).toBeDisabled();
  await page.getByLabel("Name").fill(sourceName);
  await page.getByRole("link", { name: "Pick or add another credential" }).click();

  await expect(page.getByRole("heading", { name: "Authenticate" })).toBeVisible();
  await expect(page.getByRole("radio", { name: revokedName })).toHaveAttribute("aria-checked", "true");
  await page.getByRole("radio", { name: fallbackName }).click();
  await continueToConfigure(page);
  await expect(page.getByLabel("Name")).toHaveValue(sourceName);
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: sourceName })).toBeVisible();
});

test("an empty name and a duplicate source name are refused; nothing is stored", async ({ page }) => {
  const credentialName = uniqueName("Naming");
  const sourceName = uniqueName("Taken");
  await addCredential(page, "/sources/new/clickup", { name: credentialName, apiKey: fakeToken("good") });

  await toConfigure(page, credentialName);
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("Give it a name.")).toBeVisible();
  await expect(page.getByLabel("Name")).toBeFocused();

  await page.getByLabel("Name").fill(sourceName);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: sourceName })).toBeVisible();

  await toConfigure(page, credentialName);
  await page.getByLabel("Name").fill(sourceName.toUpperCase());
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText(/A source named .* already exists/)).toBeVisible();
  expect(await endpointsNamed(sourceName.toUpperCase())).toBe(0);
});

test("no Workspace chosen, or one that is not in ClickUp's list, is refused", async ({ page }) => {
  const credentialName = uniqueName("Workspace check");
  const sourceName = uniqueName("Workspace source");
  await addCredential(page, "/sources/new/clickup", { name: credentialName, apiKey: fakeToken("good") });
  await toConfigure(page, credentialName);
  await page.getByLabel("Name").fill(sourceName);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText("Choose a Workspace.")).toBeVisible();

  // A crafted request naming a Workspace this credential cannot reach.
  await page.route("**/sources/new/clickup/configure**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    await route.continue({ postData: request.postData()!.replace('"9001"', '"9999"') });
  });
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByText(/not one this credential can reach/)).toBeVisible();
  expect(await endpointsNamed(sourceName)).toBe(0);
});

test("a credential that does not exist, or is deleted before Create, is explained and nothing is stored", async ({
  page,
}) => {
  await page.goto("/sources/new/clickup/configure?credential=does-not-exist");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That credential no longer exists");
  await page.getByRole("link", { name: "Back to Authenticate" }).click();
  await expect(page.getByRole("heading", { name: "Authenticate" })).toBeVisible();

  const credentialName = uniqueName("Vanishing");
  const sourceName = uniqueName("Orphan");
  await addCredential(page, "/sources/new/clickup", { name: credentialName, apiKey: fakeToken("good") });
  await toConfigure(page, credentialName);
  await page.getByLabel("Name").fill(sourceName);
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  expect(await writeDatabase('DELETE FROM "Credential" WHERE name = ?', credentialName)).toBe(1);
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("That credential no longer exists");
  await expect(page.getByRole("link", { name: "Pick or add another credential" })).toBeVisible();
  expect(await endpointsNamed(sourceName)).toBe(0);
});

test("Continue stays disabled until a tile is selected", async ({ page }) => {
  await addCredential(page, "/sources/new/clickup", { name: uniqueName("Unselected"), apiKey: fakeToken("good") });
  await page.reload();
  await expect(page.getByRole("radio", { checked: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
});
