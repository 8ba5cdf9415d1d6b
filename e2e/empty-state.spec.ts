import { expect, test } from "./support/test";

test("a first visit shows no credentials, points at Add Credential, and cannot continue", async ({ page }) => {
  for (const path of ["/sources/new/clickup", "/destinations/new/clickup"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "Authenticate" })).toBeVisible();
    await expect(page.getByText("You have no ClickUp credentials yet")).toBeVisible();
    await expect(page.getByRole("radio")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Add Credential" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Continue" })).toBeDisabled();
  }
});

test("an unknown connector is a 404, not a broken page", async ({ page }) => {
  const response = await page.goto("/sources/new/not-a-connector");
  expect(response?.status()).toBe(404);
});
