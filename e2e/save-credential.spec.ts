import {
  databaseBytes,
  decryptStored,
  fakeRequestsWith,
  fakeToken,
  fillCredential,
  openAddCredential,
  serverLog,
  storedCredentials,
  uniqueName,
} from "./support/helpers";
import { expect, test } from "./support/test";

test("saving a valid token verifies it raw with ClickUp, stores it encrypted, and selects the new tile", async ({
  page,
}) => {
  const name = uniqueName("Analytics team");
  const description = "Reads the analytics space";
  const token = fakeToken("good");
  // Collected as promises when each response starts, so none is missed while its body streams.
  const responseBodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().method() === "POST") responseBodies.push(response.text().catch(() => ""));
  });

  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, description, apiKey: token });
  await dialog.getByRole("button", { name: "Save" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByRole("status")).toContainText(`Credential "${name}" added and selected`);
  await expect(page.getByRole("status")).toContainText("Ada Lovelace (ada@example.test)");
  const tile = page.getByRole("radio", { name });
  await expect(tile).toHaveAttribute("aria-checked", "true");
  await expect(tile).toBeFocused();
  await expect(tile).toContainText(description);
  await expect(tile).toContainText("Ada Lovelace (ada@example.test)");
  await expect(tile).toContainText(`Token ending …${token.slice(-4)}`);
  await expect(page.getByRole("button", { name: "Continue" })).toBeEnabled();

  // Exactly one request, with the raw token as the whole Authorization header.
  const requests = await fakeRequestsWith(token);
  expect(requests).toEqual([expect.objectContaining({ method: "GET", path: "/api/v2/user", authorization: token })]);

  // Stored encrypted: the row holds ciphertext that opens to the token, and the file holds no token.
  const [row] = await storedCredentials({ name });
  expect(row).toMatchObject({ description, accountName: "Ada Lovelace" });
  expect(decryptStored(row)).toBe(token);
  expect((await databaseBytes()).includes(token)).toBe(false);
  expect((await databaseBytes()).includes(token.slice(3))).toBe(false);

  // Nothing that went back to the browser carried it.
  expect(responseBodies.length).toBeGreaterThan(0);
  for (const body of await Promise.all(responseBodies)) expect(body).not.toContain(token);

  // After a reload the tile is still there, read from the database.
  await page.reload();
  await expect(page.getByRole("radio", { name })).toBeVisible();
  expect(await page.content()).not.toContain(token);
});

test("the page's HTML, its RSC payload and the server's log never contain a saved token", async ({ page, request }) => {
  const name = uniqueName("Leak check");
  const token = fakeToken("good");
  const dialog = await openAddCredential(page, "/destinations/new/clickup");
  await fillCredential(page, { name, apiKey: token });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("radio", { name })).toHaveAttribute("aria-checked", "true");

  for (const path of ["/sources/new/clickup", "/destinations/new/clickup"]) {
    const html = await (await request.get(path)).text();
    expect(html).toContain(name);
    expect(html).not.toContain(token);
    const rsc = await (await request.get(path, { headers: { RSC: "1" } })).text();
    expect(rsc).toContain(name);
    expect(rsc).not.toContain(token);
  }
  const log = serverLog();
  expect(log).toContain("Serving on");
  expect(log).not.toContain(token);
  expect(log).not.toContain(token.slice(3));
});

test("a credential saved for a source is offered when creating a destination too", async ({ page }) => {
  const name = uniqueName("Both ways");
  const dialog = await openAddCredential(page, "/sources/new/clickup");
  await fillCredential(page, { name, apiKey: fakeToken("good") });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await page.goto("/destinations/new/clickup");
  const tile = page.getByRole("radio", { name });
  await expect(tile).toHaveAttribute("aria-checked", "false");
  await tile.click();
  await expect(tile).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("button", { name: "Continue" })).toBeEnabled();
});
