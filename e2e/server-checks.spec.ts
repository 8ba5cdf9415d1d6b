import {
  fakeRequestsWith,
  fakeToken,
  fillCredential,
  openAddCredential,
  storedCredentials,
  uniqueName,
} from "./support/helpers";
import { expect, test } from "./support/test";

// The browser's checks are a convenience. These tests rewrite the server action request after the
// browser has validated the form, as a script posting directly would, and the server must decide.

test("a request that skips the browser's checks is refused by the server's own validation", async ({ page }) => {
  const name = uniqueName("Tampered");
  const token = fakeToken("good");
  await page.route("**/sources/new/clickup", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const body = request.postData()!;
    expect(body).toContain(token);
    await route.continue({ postData: body.replace(token, `Bearer ${token}`).replace(name, "") });
  });

  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: token });
  await dialog.getByRole("button", { name: "Save" }).click();

  await expect(dialog.getByText("Give the credential a name.")).toBeVisible();
  await expect(dialog.getByText(/Remove the "Bearer" prefix/)).toBeVisible();
  expect(await storedCredentials({ name })).toHaveLength(0);
  expect(await fakeRequestsWith(token)).toHaveLength(0);
});

test("an oversized request is refused before it is parsed, with a clear message", async ({ page }) => {
  const name = uniqueName("Oversized");
  const token = fakeToken("good");
  await page.route("**/sources/new/clickup", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    await route.continue({ postData: request.postData()!.replace(name, `${name}${"x".repeat(100_000)}`) });
  });

  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: token });
  await dialog.getByRole("button", { name: "Save" }).click();

  // The browser cannot tell a refused request from a lost answer, so Save says both (and that
  // saving again is safe); the database shows it was refused.
  await expect(dialog.getByRole("alert")).toContainText("refused the request");
  await expect(page.getByLabel("Credential Name")).toHaveValue(name);
  expect((await storedCredentials()).filter((row) => row.name.startsWith(name))).toHaveLength(0);
  expect(await fakeRequestsWith(token)).toHaveLength(0);
});
