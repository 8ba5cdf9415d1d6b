import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";

import {
  credentialPageDialogs,
  populate,
  signedInPages,
  sourcePageDialogs,
  type PopulateValues,
} from "./support/a11y-pages";
import { fakeToken, fillCredential } from "./support/helpers";
import {
  doubleTextSize,
  expectNoOverlappingOrClippedControls,
  expectNoSidewaysScroll,
  expectTablesInLabelledRegions,
  expectTargetsAtLeast24Px,
} from "./support/layout-checks";
import { expect, test } from "./support/test";

// Reflow (what 400 % zoom gives on a laptop: 320 CSS px), 200 % text and target size, on every
// page and dialog. axe does not measure any of these. The pages show the longest values people and
// ClickUp can give them: names and a description at their caps as single unbroken words, a long
// email address, a Workspace name of one 200-character word (the fake ClickUp's pk_long_ account).
// Short test data hid a page that scrolled sideways with an ordinary address (#26).

/** One word (no space or hyphen to break at) of exactly `length` characters, unique per call. */
function unbrokenWord(prefix: string, length: number): string {
  return `${prefix}${randomBytes(4).toString("hex")}`.padEnd(length, "W");
}

/** What the checks' credential and source are given: each at its cap, nowhere to wrap. */
function longValues(): PopulateValues {
  return {
    credentialName: unbrokenWord("Reflowcredential", 100), // CREDENTIAL_NAME_MAX
    description: unbrokenWord("Reflowdescription", 500), // CREDENTIAL_DESCRIPTION_MAX
    // Ends in the widest last four characters a token shows.
    apiKey: `${fakeToken("long")}WWWW`,
    sourceName: unbrokenWord("Reflowsource", 100), // ENDPOINT_NAME_MAX
    workspace: `LongWorkspace${"Analytics".repeat(21)}`.slice(0, 200), // the fake ClickUp's 200-character name
  };
}

type Check = (page: Page, where: string, within?: string) => Promise<void>;

/** Runs `check` on every signed-in page and every dialog; `prepare` runs after each page load. */
async function checkEverywhere(page: Page, check: Check, prepare: (page: Page) => Promise<void> = async () => {}) {
  const populated = await populate(page, longValues());
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
  const added = longValues();
  await fillCredential(page, { name: added.credentialName, description: added.description, apiKey: added.apiKey });
  await overlay.getByRole("button", { name: "Save" }).click();
  await expect(overlay).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "added and selected" })).toBeVisible();
  await check(page, "the Authenticate screen after a save (its message and the new tile)");

  for (const [button, role, name] of credentialPageDialogs) {
    await page.goto(populated.credentialUrl);
    await prepare(page);
    await page.getByRole("button", { name: button }).click();
    await expect(page.getByRole(role, { name })).toBeVisible();
    await check(page, `the ${name} dialog`, `[role=${role}]`);
  }
  for (const [button, role, name] of sourcePageDialogs) {
    await page.goto(populated.sourceUrl);
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

/** The viewport every other test has (Playwright's default), to come back to after the narrow one. */
const DEFAULT_VIEWPORT = { width: 1280, height: 720 };

/**
 * Every layout check on the page as it is now, each in its own conditions: targets at the usual
 * width, reflow at 320 px, then 200 % text at the usual width; leaves the page as it found it.
 * Width and text size are CSS inputs the page lays itself out from again, so one load (and one set
 * of data) serves the three, where each used to load every page and dialog on its own.
 */
const everyLayoutCheck: Check = async (page, where, within) => {
  await expectTargetsAtLeast24Px(page, where, within);

  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoSidewaysScroll(page, `${where} at 320 px`);
  await expectTablesInLabelledRegions(page, `${where} at 320 px`);
  await page.setViewportSize(DEFAULT_VIEWPORT);

  await doubleTextSize(page);
  await expectNoSidewaysScroll(page, `${where} at 200 % text`);
  await expectNoOverlappingOrClippedControls(page, `${where} at 200 % text`, within);
  await page.evaluate(() => {
    document.documentElement.style.fontSize = "";
  });
};

test("at 320 px wide and at 200 % text no page or dialog scrolls sideways, overlaps or spills, tables scroll in labelled regions, and every target is at least 24 x 24 px except links inside sentences", async ({
  page,
  browser,
}) => {
  // Every page and dialog, three checks each, on a busy two-core machine.
  test.setTimeout(300_000);
  await page.setViewportSize(DEFAULT_VIEWPORT);
  const invitationLink = await checkEverywhere(page, everyLayoutCheck);
  // Targets when narrow too, where the header wraps and tiles stack.
  await page.setViewportSize({ width: 320, height: 640 });
  for (const url of ["/", "/credentials", "/sources/new/clickup"]) {
    await page.goto(url);
    await expectTargetsAtLeast24Px(page, `${url} at 320 px`);
  }

  const signedOut = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    viewport: DEFAULT_VIEWPORT,
  });
  await checkSignedOutPages(await signedOut.newPage(), everyLayoutCheck, invitationLink);
  await signedOut.close();
});
