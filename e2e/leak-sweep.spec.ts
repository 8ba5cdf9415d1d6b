import { createApiKeyInBrowser } from "./support/api-keys";
import {
  continueToConfigure,
  databaseBytes,
  fakeRequestsWith,
  fakeToken,
  fillCredential,
  openAddCredential,
  serverLog,
  storedCredentials,
  uniqueName,
} from "./support/helpers";
import { recordResponses } from "./support/record-responses";
import { expect, test } from "./support/test";

// One credential through its whole life, with two known tokens, while everything the browser
// receives is kept: no response, page, RSC payload, log line or database byte may hold either.

/** The ways a token could show up: whole, without "pk_", and its random part alone. */
function forms(token: string): string[] {
  return [token, token.slice("pk_".length), token.slice("pk_good_".length)];
}

test("two tokens never leave the server: not in any response, page, RSC payload, log or database byte", async ({
  page,
}) => {
  // The page's own request context: it carries the signed-in session cookie.
  const request = page.request;
  test.setTimeout(90_000);
  const collected = recordResponses(page);
  const firstToken = fakeToken("good");
  const secondToken = fakeToken("good");
  const name = uniqueName("Leak sweep");
  const sourceName = uniqueName("Leak sweep source");

  // Save.
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, description: "Followed everywhere", apiKey: firstToken });
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  const [row] = await storedCredentials({ name });
  const detail = `/credentials/${row.id}`;

  // Verify now, edit, replace the token (each from a freshly loaded page).
  await page.goto(detail);
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status")).toHaveText("ClickUp confirmed the token.");
  await page.goto(detail);
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Credential Description").fill("Followed everywhere, edited");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Changes saved.");
  await page.goto(detail);
  await page.getByRole("button", { name: "Replace token" }).click();
  await page.getByRole("dialog").getByLabel("API Key").fill(secondToken);
  await page.getByRole("dialog").getByRole("button", { name: "Verify and replace" }).click();
  await expect(page.getByRole("status")).toContainText("Token replaced");

  // Create a source with it.
  await page.goto("/sources/new/clickup");
  await page.getByRole("radio", { name }).click();
  await continueToConfigure(page);
  const configure = new URL(page.url()).pathname + new URL(page.url()).search;
  await page.getByLabel("Name").fill(sourceName);
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: sourceName })).toBeVisible();
  const source = new URL(page.url()).pathname;

  // Every page, in the browser and fetched as HTML and as an RSC payload.
  const pages = [
    "/",
    "/sources",
    source,
    "/destinations",
    "/credentials",
    detail,
    "/sources/new/clickup",
    configure,
    "/people",
    "/api-keys",
  ];
  const fetched: { url: string; text: string }[] = [];
  for (const path of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    for (const headers of [{}, { RSC: "1" }] as Record<string, string>[]) {
      const fetchedPage = await request.get(path, { headers });
      expect(fetchedPage.status(), path).toBe(200);
      fetched.push({ url: `${path} ${JSON.stringify(headers)}`, text: await fetchedPage.text() });
    }
  }

  // And through the REST API, with a key made in the browser: the list and the credential itself.
  const key = await createApiKeyInBrowser(page, uniqueName("Leak sweep key"));
  for (const path of [`/api/v1/credentials?search=${encodeURIComponent(name)}`, `/api/v1/credentials/${row.id}`]) {
    const answer = await page.request.get(path, { headers: { authorization: `Bearer ${key}` } });
    expect(answer.status(), path).toBe(200);
    fetched.push({ url: path, text: await answer.text() });
  }

  const received = [...(await collected()), ...fetched];
  // The sweep saw the real thing: the credential's name came back, and ClickUp was asked with both tokens.
  expect(received.filter((body) => body.text.includes(name)).length).toBeGreaterThan(pages.length);
  expect((await fakeRequestsWith(firstToken)).length).toBeGreaterThanOrEqual(2);
  expect((await fakeRequestsWith(secondToken)).length).toBeGreaterThanOrEqual(2);

  const database = await databaseBytes();
  const log = serverLog();
  for (const secret of [...forms(firstToken), ...forms(secondToken)]) {
    const leaks = received.filter((body) => body.text.includes(secret)).map((body) => body.url);
    expect(leaks, `responses holding ${secret}`).toEqual([]);
    expect(log.includes(secret), "server log").toBe(false);
    expect(database.includes(secret), "database file").toBe(false);
  }
});
