import { type Page } from "@playwright/test";

import {
  fakeRequestsWith,
  fakeToken,
  fillCredential,
  openAddCredential,
  storedCredentials,
  uniqueName,
} from "./support/helpers";
import { expect, test } from "./support/test";

/** Fills the overlay, saves, and expects `message` next to `field`, with nothing stored or sent. */
async function expectRefused(
  page: Page,
  values: { name: string; description?: string; apiKey: string },
  field: "Credential Name" | "Credential Description" | "API Key",
  message: RegExp,
) {
  const dialog = await openAddCredential(page);
  await fillCredential(page, values);
  await dialog.getByRole("button", { name: "Save" }).click();
  const input = page.getByLabel(field);
  await expect(input).toHaveAttribute("aria-invalid", "true");
  const errorId = (await input.getAttribute("aria-describedby"))!.split(" ").find((id) => id.endsWith("-error"))!;
  await expect(page.locator(`[id="${errorId}"]`)).toHaveText(message);
  await expect(dialog).toBeVisible();
  expect(await storedCredentials({ name: values.name.trim() })).toHaveLength(0);
  if (values.apiKey.trim()) expect(await fakeRequestsWith(values.apiKey.trim())).toHaveLength(0);
}

test("an empty name is refused", async ({ page }) => {
  await expectRefused(
    page,
    { name: "   ", apiKey: fakeToken("good") },
    "Credential Name",
    /Give the credential a name/,
  );
});

test("a name over 100 characters is refused", async ({ page }) => {
  await expectRefused(
    page,
    { name: "n".repeat(101), apiKey: fakeToken("good") },
    "Credential Name",
    /100 characters or fewer/,
  );
});

test("a description over 500 characters is refused", async ({ page }) => {
  const values = { name: uniqueName("Long description"), description: "d".repeat(501), apiKey: fakeToken("good") };
  await expectRefused(page, values, "Credential Description", /500 characters or fewer/);
});

test("an empty API key is refused", async ({ page }) => {
  await expectRefused(page, { name: uniqueName("No key"), apiKey: "" }, "API Key", /Enter your ClickUp API key/);
});

test("a key with a Bearer prefix is explained and never sent", async ({ page }) => {
  const token = fakeToken("good");
  await expectRefused(
    page,
    { name: uniqueName("Bearer"), apiKey: `Bearer ${token}` },
    "API Key",
    /Remove the "Bearer" prefix/,
  );
  expect(await fakeRequestsWith(token)).toHaveLength(0);
});

test("a key with a line break or space inside is refused", async ({ page }) => {
  const token = fakeToken("good");
  await expectRefused(
    page,
    { name: uniqueName("Split"), apiKey: `${token.slice(0, 10)} ${token.slice(10)}` },
    "API Key",
    /spaces or line breaks inside/,
  );
});

test("a key that does not start with pk_ is explained", async ({ page }) => {
  await expectRefused(page, { name: uniqueName("Not pk"), apiKey: "abc123def456" }, "API Key", /start with "pk_"/);
});

test("an absurdly long key is refused", async ({ page }) => {
  await expectRefused(
    page,
    { name: uniqueName("Huge"), apiKey: `pk_${"x".repeat(5000)}` },
    "API Key",
    /longer than any ClickUp API key/,
  );
});

test("outer whitespace is trimmed and the key is sent exactly as ClickUp expects", async ({ page }) => {
  const name = uniqueName("Trimmed");
  const token = fakeToken("good");
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name: `  ${name}  `, apiKey: `\n ${token} \n` });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  expect(await storedCredentials({ name })).toHaveLength(1);
  expect((await fakeRequestsWith(token)).map((request) => request.authorization)).toEqual([token]);
});

test("a name already used for ClickUp (in any case) is refused without asking ClickUp", async ({ page }) => {
  const name = uniqueName("Shared");
  let dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: fakeToken("good") });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const second = fakeToken("good");
  dialog = await openAddCredential(page);
  await fillCredential(page, { name: ` ${name.toUpperCase()} `, apiKey: second });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText(/already exists\. Choose another name/)).toBeVisible();
  await expect(page.getByLabel("Credential Name")).toBeFocused();
  expect((await storedCredentials()).filter((row) => row.name.toLowerCase() === name.toLowerCase())).toHaveLength(1);
  expect(await fakeRequestsWith(second)).toHaveLength(0);
});
