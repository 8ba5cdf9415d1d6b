import {
  fakeRequestsWith,
  fakeToken,
  fillCredential,
  openAddCredential,
  storedCredentials,
  uniqueName,
} from "./support/helpers";
import { expect, test } from "./support/test";

const cases = [
  {
    behaviour: "revoked",
    title: "a token ClickUp rejects (401 OAUTH_025)",
    message: /ClickUp rejected this API key\. Check that it was copied whole, or regenerate it/,
  },
  {
    behaviour: "ratelimited",
    title: "ClickUp's rate limit (429)",
    message: /rate limit for this API key is reached\. Try again after \d\d:\d\d:\d\d UTC \(in about 4\d seconds\)/,
  },
  { behaviour: "broken", title: "a ClickUp 500 with an HTML body", message: /ClickUp is having trouble right now/ },
  { behaviour: "badjson", title: "a ClickUp answer that is not JSON", message: /ClickUp is having trouble right now/ },
  { behaviour: "silent", title: "ClickUp not answering in time", message: /ClickUp did not answer the server in time/ },
] as const;

for (const { behaviour, title, message } of cases) {
  test(`${title}: explained in the overlay, what was typed kept, nothing stored`, async ({ page }) => {
    const name = uniqueName(`Failure ${behaviour}`);
    const description = `Used for the ${behaviour} case`;
    const token = fakeToken(behaviour);
    const dialog = await openAddCredential(page);
    await fillCredential(page, { name, description, apiKey: token });
    await dialog.getByRole("button", { name: "Save" }).click();

    await expect(dialog.getByRole("alert")).toHaveText(message);
    await expect(dialog).toBeVisible();
    await expect(page.getByLabel("Credential Name")).toHaveValue(name);
    await expect(page.getByLabel("Credential Description")).toHaveValue(description);
    await expect(dialog.getByRole("button", { name: "Save" })).toBeEnabled();
    await expect(dialog.getByRole("alert")).not.toContainText(token);
    expect(await storedCredentials({ name })).toHaveLength(0);
    expect((await fakeRequestsWith(token)).map((request) => request.authorization)).toEqual([token]);
  });
}
