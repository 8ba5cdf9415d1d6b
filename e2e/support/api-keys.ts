import type { Page } from "@playwright/test";

import { expect } from "./test";

/** Creates a personal API key on /api-keys (reached from the header) and returns it as shown once. */
export async function createApiKeyInBrowser(page: Page, name: string): Promise<string> {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  // Exactly "Name": the form's other labels (a credential or source to proxy through) may contain it.
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByLabel("Expires").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create API key" }).click();
  const field = page.getByRole("textbox", { name: "New API key" });
  await expect(field).toHaveAttribute("readonly", "");
  await expect(page.getByRole("button", { name: "Copy API key" })).toBeVisible();
  const key = await field.inputValue();
  expect(key).toMatch(/^cuk_[A-Za-z0-9_-]{43}$/);
  return key;
}
