import {
  fakeRequestsWith,
  fakeToken,
  fillCredential,
  openAddCredential,
  storedCredentials,
  uniqueName,
} from "./support/helpers";
import { expect, test } from "./support/test";

test("the overlay opens by mouse with focus on the first field, and Escape returns focus to the tile", async ({
  page,
}, testInfo) => {
  const dialog = await openAddCredential(page);
  await expect(page.getByLabel("Credential Name")).toBeFocused();
  await expect(dialog.getByRole("heading", { name: "Credential Name & Description" })).toBeVisible();
  await expect(dialog.getByRole("heading", { name: "API Key Authentication" })).toBeVisible();
  await expect(dialog.getByText("Descriptions help others understand the credential's purpose")).toBeVisible();
  await expect(dialog.getByText("Settings > Apps > API Token")).toBeVisible();
  // The README's picture of the overlay comes from here. A test run writes it to test-results/ (a
  // run leaves the clone as it was); `npm run docs:screenshots` writes it over the README's copy.
  await page.setViewportSize({ width: 1000, height: 820 });
  const folder = process.env.DOCS_SCREENSHOTS ? "docs/screenshots" : testInfo.outputDir;
  await dialog.screenshot({ path: `${folder}/add-credential-overlay.png` });

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Add Credential" })).toBeFocused();
});

test("the overlay opens and closes by keyboard, and Tab never leaves it", async ({ page }) => {
  await page.goto("/sources/new/clickup");
  const addTile = page.getByRole("button", { name: "Add Credential" });
  await addTile.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Add New Credential" });
  await expect(dialog).toBeVisible();

  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await dialog.getByRole("button", { name: "Close" }).focus();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(addTile).toBeFocused();
});

test("the API key is masked, with a control to show and hide it", async ({ page }) => {
  await openAddCredential(page);
  const apiKey = page.getByLabel("API Key");
  await apiKey.fill("pk_visible_check");
  await expect(apiKey).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show key" }).click();
  await expect(apiKey).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide key" }).click();
  await expect(apiKey).toHaveAttribute("type", "password");
});

test("while ClickUp is being asked, Save is disabled and nothing dismisses the overlay", async ({ page }) => {
  const name = uniqueName("Slow check");
  const token = fakeToken("slow");
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: token });
  await dialog.getByRole("button", { name: "Save" }).click();

  const pendingButton = dialog.getByRole("button", { name: "Checking with ClickUp…" });
  await expect(pendingButton).toBeDisabled();
  await expect(dialog.getByRole("button", { name: "Close" })).toBeDisabled();
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeVisible();

  await expect(dialog).toBeHidden({ timeout: 10_000 });
  await expect(page.getByRole("radio", { name })).toHaveAttribute("aria-checked", "true");
  expect(await storedCredentials({ name })).toHaveLength(1);
  expect(await fakeRequestsWith(token)).toHaveLength(1);
});
