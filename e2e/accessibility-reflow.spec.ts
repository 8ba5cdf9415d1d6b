import type { Page } from "@playwright/test";

import { credentialPageDialogs, populate, signedInPages } from "./support/a11y-pages";
import {
  doubleTextSize,
  expectNoOverlappingOrClippedControls,
  expectNoSidewaysScroll,
  expectTablesInLabelledRegions,
  expectTargetsAtLeast24Px,
} from "./support/layout-checks";
import { expect, test } from "./support/test";

// Reflow (what 400 % zoom gives on a laptop: 320 CSS px), 200 % text and target size, on every
// page and dialog. axe does not measure any of these.

type Check = (page: Page, where: string, within?: string) => Promise<void>;

/** Runs `check` on every signed-in page and every dialog; `prepare` runs after each page load. */
async function checkEverywhere(page: Page, check: Check, prepare: (page: Page) => Promise<void> = async () => {}) {
  const populated = await populate(page);
  for (const url of signedInPages(populated)) {
    await page.goto(url);
    await prepare(page);
    await check(page, url);
  }

  await page.goto("/sources/new/clickup");
  await prepare(page);
  await page.getByRole("button", { name: "Add Credential" }).click();
  const overlay = page.getByRole("dialog", { name: "Add New Credential" });
  await expect(overlay).toBeVisible();
  await check(page, "the Add New Credential overlay", "[role=dialog]");
  await overlay.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Give the credential a name.")).toBeVisible();
  await check(page, "the overlay showing errors", "[role=dialog]");

  for (const [button, role, name] of credentialPageDialogs) {
    await page.goto(populated.credentialUrl);
    await prepare(page);
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByRole(role, { name })).toBeVisible();
    await check(page, `the ${name} dialog`, `[role=${role}]`);
  }

  await page.goto("/people");
  await prepare(page);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  await expect(page.getByLabel("Invitation link")).toHaveValue(/\/invite\//);
  await check(page, "the People page showing a new invitation link");
  return page.getByLabel("Invitation link").inputValue();
}

/** The pages people see signed out: sign-in (with its errors) and an invitation, valid or not. */
async function checkSignedOutPages(page: Page, check: Check, invitationLink: string) {
  for (const url of ["/sign-in", "/invite/not-a-real-invitation-link-at-all", invitationLink]) {
    await page.goto(url);
    await check(page, url);
  }
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByLabel("Email")).toBeFocused();
  await check(page, "the sign-in page showing errors");
}

test("at 320 px wide no page or dialog scrolls sideways, and tables scroll inside their own labelled region", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000); // every page and dialog, on a busy two-core machine
  await page.setViewportSize({ width: 320, height: 640 });
  const invitationLink = await checkEverywhere(page, async (page, where) => {
    await expectNoSidewaysScroll(page, where);
    await expectTablesInLabelledRegions(page, where);
  });

  const signedOut = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    viewport: { width: 320, height: 640 },
  });
  await checkSignedOutPages(await signedOut.newPage(), expectNoSidewaysScroll, invitationLink);
  await signedOut.close();
});

test("at 200 % text size nothing scrolls sideways, and no control overlaps another or spills its text", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const invitationLink = await checkEverywhere(
    page,
    async (page, where, within) => {
      await expectNoSidewaysScroll(page, `${where} at 200 % text`);
      await expectNoOverlappingOrClippedControls(page, `${where} at 200 % text`, within);
    },
    doubleTextSize,
  );

  const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const signedOutPage = await signedOut.newPage();
  await checkSignedOutPages(
    signedOutPage,
    async (page, where) => {
      await doubleTextSize(page);
      await expectNoSidewaysScroll(page, `${where} at 200 % text`);
      await expectNoOverlappingOrClippedControls(page, `${where} at 200 % text`);
    },
    invitationLink,
  );
  await signedOut.close();
});

test("every button, link and field is at least 24 x 24 px, except links inside sentences", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const invitationLink = await checkEverywhere(page, expectTargetsAtLeast24Px);
  // Narrow, where the header wraps and tiles stack.
  await page.setViewportSize({ width: 320, height: 640 });
  for (const url of ["/", "/credentials", "/sources/new/clickup"]) {
    await page.goto(url);
    await expectTargetsAtLeast24Px(page, `${url} at 320 px`);
  }

  const signedOut = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await checkSignedOutPages(await signedOut.newPage(), expectTargetsAtLeast24Px, invitationLink);
  await signedOut.close();
});
