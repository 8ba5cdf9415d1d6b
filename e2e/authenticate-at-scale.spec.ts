import { randomUUID } from "node:crypto";

import { execute, queryRows } from "./support/database";
import { addCredential, adminId, continueToConfigure, fakeToken, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// Seeds rows directly: these credentials are never decrypted, only listed.
async function seedCredentials(prefix: string, count: number) {
  const owner = await adminId();
  for (let index = 0; index < count; index += 1) {
    const name = `${prefix} ${String(index).padStart(3, "0")}`;
    await execute(
      'INSERT INTO "Credential" (id, connector, name, "nameKey", description, "secretCiphertext", "secretKeyId", "secretLast4", "accountId", "accountName", "accountEmail", "lastVerifiedAt", "updatedAt", "ownerId") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      randomUUID(),
      "clickup",
      name,
      name.toLowerCase(),
      "",
      "v1.x.y.z",
      "seeded",
      "seed",
      "1",
      "Seeded",
      "seed@example.test",
      new Date().toISOString(),
      new Date().toISOString(),
      owner,
    );
  }
}

test("with many credentials the screen shows a bounded set, finds the rest by search, and shows more on request", async ({
  page,
}) => {
  const prefix = uniqueName("Bulk");
  await seedCredentials(prefix, 60);
  // The credentials the admin's screen lists: their own and those shared with them. Others' (a
  // member's, made by a spec running beside this one) are in the table but never on this screen.
  const admin = await adminId();
  const total = Number(
    (
      await queryRows<{ n: number }>(
        'SELECT COUNT(*) AS n FROM "Credential" c WHERE c.connector = ? AND (c."ownerId" = ? OR EXISTS (SELECT 1 FROM "CredentialShare" s WHERE s."credentialId" = c.id AND s."userId" = ?))',
        "clickup",
        admin,
        admin,
      )
    )[0].n,
  );
  expect(total).toBeGreaterThanOrEqual(60);

  await page.goto("/sources/new/clickup");
  await expect(page.getByRole("radio")).toHaveCount(48);
  // Other tests may add credentials meanwhile, so the total is at least what was counted.
  await expect(page.getByText(/Showing 48 of \d+ credentials\./)).toBeVisible();

  await page.getByRole("searchbox", { name: "Search credentials" }).fill(`${prefix} 00`);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("radio")).toHaveCount(10);
  await expect(page.getByText("Showing 10 of 10 matching credentials.")).toBeVisible();

  await page.goto("/sources/new/clickup");
  await page.getByRole("link", { name: /^Show \d+ more$/ }).click();
  await expect(page.getByText(/Showing (9[6-9]|\d{3,}|6\d|7\d|8\d) of \d+ credentials\./)).toBeVisible();
  expect(await page.getByRole("radio").count()).toBeGreaterThanOrEqual(Math.min(96, total));

  // A credential added now is shown and selected, however many there are.
  const name = uniqueName("Added among many");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
  await continueToConfigure(page);
  await page.getByRole("link", { name: "Back" }).click();
  await expect(page.getByRole("radio", { name })).toHaveAttribute("aria-checked", "true");
});
