import {
  fakeRequestsWith,
  fakeToken,
  fillCredential,
  openAddCredential,
  storedCredentials,
  uniqueName,
} from "./support/helpers";
import { expect, test } from "./support/test";

// A save that went through but whose answer never reached the browser (server killed after the
// commit, connection reset): pressing Save again must show the stored credential, not "name taken".
test("Save again after a lost answer gets the credential the first Save stored: one row, tile selected", async ({
  page,
}) => {
  const name = uniqueName("Lost answer");
  const token = fakeToken("good");
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: token });

  let lost = 0;
  await page.route("**/*", async (route) => {
    const request = route.request();
    const isThisSave =
      request.method() === "POST" && request.headers()["next-action"] && request.postData()?.includes(name);
    if (!isThisSave || lost > 0) return route.fallback();
    lost += 1;
    // The server gets the request and answers; the browser never sees the answer.
    await route.fetch();
    await route.abort("connectionreset");
  });

  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByRole("alert")).toContainText("its answer was lost");
  expect(lost).toBe(1);
  expect(await storedCredentials({ name })).toHaveLength(1);

  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Credential "${name}" added and selected`);
  await expect(page.getByRole("radio", { name })).toHaveAttribute("aria-checked", "true");
  expect(await storedCredentials({ name })).toHaveLength(1);
  // The retry was answered from the database: ClickUp was asked once.
  expect(await fakeRequestsWith(token)).toHaveLength(1);
});

test("reopening the overlay starts a new submit: the same name is then taken", async ({ page }) => {
  const name = uniqueName("Reopened");
  let dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: fakeToken("good") });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Add Credential" }).click();
  dialog = page.getByRole("dialog", { name: "Add New Credential" });
  await fillCredential(page, { name, apiKey: fakeToken("good") });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog.getByText(/already exists/)).toBeVisible();
  expect(await storedCredentials({ name })).toHaveLength(1);
});
