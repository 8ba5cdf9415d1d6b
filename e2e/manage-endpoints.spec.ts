import { addCredential, continueToConfigure, fakeToken, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// Rename and Delete on a source's page (the same commands as PATCH and DELETE /api/v1/sources/{id}).

test("rename a source, then delete it after confirming; its credential can then be deleted", async ({ page }) => {
  const credentialName = uniqueName("Endpoint creds");
  const sourceName = uniqueName("Renamable");
  await addCredential(page, "/sources/new/clickup", { name: credentialName, apiKey: fakeToken("good") });
  await continueToConfigure(page);
  await page.getByLabel("Name").fill(sourceName);
  await page.getByLabel("Workspace").selectOption({ label: "Marketing Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: sourceName })).toBeVisible();

  const renamed = `${sourceName} (renamed)`;
  await page.getByRole("button", { name: "Rename" }).click();
  const dialog = page.getByRole("dialog", { name: "Rename source" });
  await dialog.getByLabel("Name").fill(renamed);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: renamed })).toBeVisible();

  await page.getByRole("button", { name: "Delete" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete source" });
  await expect(confirm).toContainText(renamed);
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/sources$/);
  await expect(page.getByText(renamed)).toHaveCount(0);

  await page.goto("/credentials");
  await page.getByRole("link", { name: credentialName }).click();
  await expect(page.getByText("No longer used by a source or destination")).toBeVisible();
  await page.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("No source or destination uses it");
});
