import { queryRows } from "./support/database";
import { addCredential, fakeRequestsWith, fakeToken, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// Listing Workspaces spends the credential owner's token (ClickUp allows about 100 calls a minute
// per token) and writes to its Activity. A plain page load must do neither, and reloads must not
// multiply either.

const teamCalls = async (token: string) =>
  (await fakeRequestsWith(token)).filter((request) => request.path === "/api/v2/team").length;

async function listingEvents(credentialName: string): Promise<number> {
  const rows = await queryRows<{ count: number | string }>(
    `SELECT COUNT(*) AS "count" FROM "CredentialEvent" WHERE "credentialName" = ? AND "type" = 'workspaces_listed'`,
    credentialName,
  );
  return Number(rows[0]?.count ?? 0);
}

test("loading the Configure page asks ClickUp nothing and writes nothing; reloading it does not multiply calls or Activity", async ({
  page,
}) => {
  const name = uniqueName("Listing budget");
  const token = fakeToken("good");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: token });
  const [{ id }] = await queryRows<{ id: string }>('SELECT id FROM "Credential" WHERE name = ?', name);
  const configure = `/sources/new/clickup/configure?credential=${id}`;

  // The HTML of the page, as a crawler, a prefetch or a stray reload gets it.
  for (let load = 0; load < 3; load++) expect((await page.request.get(configure)).status()).toBe(200);
  expect(await teamCalls(token)).toBe(0);
  expect(await listingEvents(name)).toBe(0);

  // In the browser the Workspaces are listed once; reloads within a minute reuse that listing.
  for (let load = 0; load < 4; load++) {
    await page.goto(configure);
    await expect(page.getByLabel("Workspace").getByRole("option")).toHaveText([
      "Choose a Workspace",
      "Analytics Workspace",
      "Marketing Workspace",
    ]);
  }
  expect(await teamCalls(token)).toBe(1);
  expect(await listingEvents(name)).toBe(1);
});
