import type { Page, Request } from "@playwright/test";

import { expect, test } from "./support/test";

/** Every request the page makes from now on, as paths with their query. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request: Request) => {
    const url = new URL(request.url());
    seen.push(`${url.pathname}${url.search}`);
  });
  return seen;
}

// The Authenticate screen is the page people open most; on a phone its load was mostly work done
// for things nobody had asked for yet (docs/performance.md §9): the overlay's code, and every
// header link's page. Both now wait for a sign that the person wants them.
test("the Authenticate screen fetches the overlay and other pages only when someone reaches for them", async ({
  page,
}) => {
  const requests = recordRequests(page);
  await page.goto("/sources/new/clickup");
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const atLoad = [...requests];
  expect(
    atLoad.filter((r) => r.includes("_rsc=")),
    "pages fetched in the background",
  ).toEqual([]);

  // The pointer over a header link fetches that page, and only that one.
  requests.length = 0;
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Credentials", exact: true }).hover();
  await expect.poll(() => requests.filter((r) => r.startsWith("/credentials?_rsc="))).not.toHaveLength(0);
  expect(requests.filter((r) => r.includes("_rsc=") && !r.startsWith("/credentials?"))).toEqual([]);

  // The pointer over Add Credential fetches the overlay's code (scripts not loaded at first)...
  requests.length = 0;
  await page.getByRole("button", { name: "Add Credential" }).hover();
  await expect
    .poll(() => requests.filter((r) => r.startsWith("/_next/static/") && r.endsWith(".js") && !atLoad.includes(r)))
    .not.toHaveLength(0);
  await expect(page.getByRole("dialog")).toHaveCount(0);

  // ...and the overlay opens on the click, as ever.
  await page.getByRole("button", { name: "Add Credential" }).click();
  await expect(page.getByRole("dialog", { name: "Add New Credential" })).toBeVisible();
  await expect(page.getByLabel("Credential Name")).toBeFocused();
});

test("a keyboard user opening the overlay at once gets it, with focus inside", async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto("/sources/new/clickup");
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const scriptsAtLoad = requests.filter((r) => r.endsWith(".js")).length;
  // Focus and Enter with no pause between: the overlay's code is fetched on focus, and the
  // overlay opens once it has arrived.
  await page.getByRole("button", { name: "Add Credential" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("dialog", { name: "Add New Credential" })).toBeVisible();
  await expect(page.getByLabel("Credential Name")).toBeFocused();
  expect(requests.filter((r) => r.endsWith(".js")).length).toBeGreaterThan(scriptsAtLoad);
});
