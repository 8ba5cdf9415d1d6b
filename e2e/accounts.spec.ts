import type { Browser, Page } from "@playwright/test";

import { queryRows } from "./support/database";
import { E2E } from "./support/e2e-env";
import { addCredential, continueToConfigure, fakeRequestsWith, fakeToken, uniqueName } from "./support/helpers";
import { actionResult, interceptAction, postAction, type CapturedAction } from "./support/server-actions";
import { expect, test } from "./support/test";

// Accounts and ownership, end to end: an invited second person, what they can and cannot see or
// do with the owner's credentials, sharing, sign-out and removal. The tests build on each other.
// Each test walks several pages in two browsers: more than the default 30 s on a busy machine.
test.describe.configure({ mode: "serial", timeout: 90_000 });

const url = (path: string) => `${E2E.appUrl}${path}`;
const member = { name: "Mia Member", email: `mia.${Date.now()}@example.test`, password: "mia's own long passphrase" };
const owned = {
  credential: uniqueName("Admin's ClickUp"),
  token: fakeToken("good"),
  source: uniqueName("Admin's source"),
  id: "",
  version: 0,
  ownerId: "",
  sourceId: "",
};
const mine = { credential: uniqueName("Mia's ClickUp"), token: fakeToken("good") };
let memberPage: Page;
const captured: Record<string, CapturedAction> = {};
/** The member's source on the credential the admin shared with them. */
let sharedSource = "";

async function createInvitationLink(ownerPage: Page): Promise<string> {
  await ownerPage.goto("/people");
  await ownerPage.getByRole("button", { name: "Create invitation link" }).click();
  const link = ownerPage.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  return link.inputValue();
}

const NO_SESSION = { cookies: [], origins: [] };

/**
 * Clicks Sign in and waits for the server's refusal to be shown: the same message may already be
 * showing, so wait for the answer and for the form to clear the password (after which the next
 * attempt can be typed without the clearing racing it).
 */
async function submitSignIn(page: Page) {
  await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: "Sign in" }).click(),
  ]);
  await expect(page.getByLabel("Password")).toHaveValue("");
}

/** A browser with no session at all (not the suite's stored one, which contexts get by default). */
async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: NO_SESSION });
  return context.newPage();
}

async function createSource(page: Page, credentialName: string, sourceName: string): Promise<string> {
  // A click that lands before the screen has hydrated does nothing: repeat until it took effect.
  const tile = page.getByRole("radio", { name: credentialName });
  await expect(async () => {
    await tile.click({ timeout: 5_000 });
    await expect(tile).toHaveAttribute("aria-checked", "true", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(async () => {
    if (await page.getByRole("button", { name: "Continue" }).isVisible())
      await page.getByRole("button", { name: "Continue" }).click({ timeout: 5_000 });
    await expect(page.getByRole("heading", { name: "Configure" })).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await page.getByLabel("Name").fill(sourceName);
  await page.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  await page.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("heading", { name: sourceName })).toBeVisible();
  return page.url().split("/").pop()!;
}

async function credentialRow(name: string) {
  const [row] = await queryRows<{ id: string; version: number; name: string; description: string; ownerId: string }>(
    'SELECT id, version, name, description, "ownerId" FROM "Credential" WHERE name = ?',
    name,
  );
  return row;
}

test.afterAll(async () => {
  await memberPage?.context().close();
});

test("an invited person creates an account from a one-time link and sees nothing of the owner's", async ({
  page,
  browser,
}) => {
  // The owner (the suite's session) has a credential and a source.
  await addCredential(page, "/sources/new/clickup", { name: owned.credential, apiKey: owned.token });
  owned.sourceId = await createSource(page, owned.credential, owned.source);
  Object.assign(owned, await credentialRow(owned.credential));
  // Nobody else has a sign-in yet: the Sharing panel says so plainly.
  await page.goto(`/credentials/${owned.id}`);
  await expect(page.getByRole("region", { name: "Sharing" })).toContainText(
    "Nobody else can sign in here yet, so there is no one to share it with. Invite people from the People page.",
  );

  const link = await createInvitationLink(page);
  memberPage = await freshPage(browser);
  await memberPage.goto(link);
  await expect(memberPage.getByRole("heading", { name: "Accept invitation" })).toBeVisible();
  await expect(memberPage.getByText(`${E2E.admin.name} invited you`)).toBeVisible();
  await memberPage.getByLabel("Name").fill(member.name);
  await memberPage.getByLabel("Email").fill(member.email);
  await memberPage.getByLabel("Password").fill(member.password);
  await memberPage.getByRole("button", { name: "Create account" }).click();
  await expect(memberPage).toHaveURL(url("/"));
  await expect(memberPage.getByRole("banner")).toContainText(`Signed in as ${member.name}`);
  // Members do not manage people.
  await expect(memberPage.getByRole("link", { name: "People" })).toHaveCount(0);
  expect((await memberPage.goto(url("/people")))?.status()).toBe(404);

  // The link worked once.
  const again = await freshPage(browser);
  await again.goto(link);
  await expect(again.getByText(/This invitation link is not valid/)).toBeVisible();
  await expect(again.getByRole("button", { name: "Create account" })).toHaveCount(0);
  await again.context().close();

  // None of the owner's credentials or sources, anywhere; their pages are "not found".
  await memberPage.goto(url("/credentials"));
  await expect(memberPage.getByRole("link", { name: owned.credential })).toHaveCount(0);
  await memberPage.goto(url(`/credentials?q=${encodeURIComponent(owned.credential)}`));
  await expect(memberPage.getByRole("link", { name: owned.credential })).toHaveCount(0);
  await memberPage.goto(url("/sources/new/clickup"));
  await expect(memberPage.getByRole("heading", { name: "Authenticate" })).toBeVisible();
  await expect(memberPage.getByRole("radio")).toHaveCount(0);
  await memberPage.goto(url("/sources"));
  await expect(memberPage.getByText(owned.source)).toHaveCount(0);
  expect((await memberPage.goto(url(`/credentials/${owned.id}`)))?.status()).toBe(404);
  expect((await memberPage.goto(url(`/sources/${owned.sourceId}`)))?.status()).toBe(404);
  expect((await memberPage.goto(url(`/sources/new/clickup/configure?credential=${owned.id}`)))?.status()).toBe(200);
  await expect(memberPage.getByText("That credential no longer exists (it may have been deleted).")).toBeVisible();
  expect(await memberPage.content()).not.toContain(owned.credential);

  // The admin sees the member and everything, marked with who owns it.
  await page.goto("/people");
  await expect(page.getByRole("row", { name: new RegExp(member.name) })).toContainText("Member");
});

test("posting the owner's credential id to every action is 'not found' and changes nothing", async () => {
  // The member's own credential, to learn each action from a real browser request.
  await addCredential(memberPage, url("/sources/new/clickup"), { name: mine.credential, apiKey: mine.token });
  const ownCredential = await credentialRow(mine.credential);
  const detail = url(`/credentials/${ownCredential.id}`);
  const hold = (trigger: () => Promise<void>) => interceptAction(memberPage, detail, trigger);

  await memberPage.goto(detail);
  captured.verify = await hold(() => memberPage.getByRole("button", { name: "Verify now" }).click());
  await memberPage.goto(detail);
  captured.edit = await hold(async () => {
    await memberPage.getByRole("button", { name: "Edit" }).click();
    await memberPage.getByLabel("Credential Description").fill("changed by someone else");
    await memberPage.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  });
  await memberPage.goto(detail);
  captured.replace = await hold(async () => {
    await memberPage.getByRole("button", { name: "Replace token" }).click();
    await memberPage.getByLabel("API Key").fill(fakeToken("good"));
    await memberPage.getByRole("dialog").getByRole("button", { name: "Verify and replace" }).click();
  });
  await memberPage.goto(detail);
  captured.delete = await hold(async () => {
    await memberPage.getByRole("button", { name: "Delete" }).click();
    await memberPage.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  });
  await memberPage.goto(url("/sources/new/clickup"));
  await memberPage.getByRole("radio", { name: mine.credential }).click();
  await continueToConfigure(memberPage);
  await memberPage.getByLabel("Name").fill(uniqueName("Crafted source"));
  await memberPage.getByLabel("Workspace").selectOption({ label: "Analytics Workspace" });
  captured.create = await interceptAction(memberPage, "**/configure**", () =>
    memberPage.getByRole("button", { name: "Create" }).click(),
  );

  const before = await credentialRow(owned.credential);
  const checksBefore = (await fakeRequestsWith(owned.token)).length;
  const results: Record<string, unknown> = {};
  for (const [name, action] of Object.entries(captured)) {
    const body = action.body
      .replaceAll(ownCredential.id, owned.id)
      .replace(`"version":${ownCredential.version}`, `"version":${owned.version}`);
    expect(body, name).toContain(owned.id);
    const response = await postAction(memberPage.request, action, body, E2E.appUrl);
    expect(response.status(), name).toBe(200);
    results[name] = actionResult(await response.text())?.message;
  }
  for (const [name, message] of Object.entries(results)) expect(message, name).toMatch(/no longer exists/);

  // Nothing changed, nothing was sent to ClickUp with the owner's token, nothing was created.
  expect(await credentialRow(owned.credential)).toEqual(before);
  expect((await fakeRequestsWith(owned.token)).length).toBe(checksBefore);
  expect(
    await queryRows('SELECT id FROM "Endpoint" WHERE "credentialId" = ? AND "ownerId" <> ?', owned.id, before.ownerId),
  ).toEqual([]);
});

test("once shared, the member can use the owner's credential, never sees its token and cannot change it", async ({
  page,
}) => {
  await page.goto(`/credentials/${owned.id}`);
  const sharing = page.getByRole("region", { name: "Sharing" });
  await sharing.getByLabel("Share with").selectOption({ label: `${member.name} (${member.email})` });
  await sharing.getByRole("button", { name: "Share", exact: true }).click();
  await expect(sharing.getByRole("status")).toHaveText(`Shared "${owned.credential}" with ${member.name}.`);
  await expect(sharing.getByRole("listitem")).toContainText(member.email);
  // Mia is everyone else there is: the panel must not claim nobody else can sign in.
  await expect(sharing).toContainText("It is shared with everyone else who can sign in here.");
  await expect(sharing).not.toContainText("Nobody else can sign in");
  await expect(page.getByRole("region", { name: "Activity" }).getByRole("listitem").first()).toContainText(`Shared · `);
  await expect(page.getByRole("region", { name: "Activity" }).getByRole("listitem").first()).toContainText(
    `by ${E2E.admin.name}`,
  );

  // The member picks it on the Authenticate screen (its tile says whose it is) and creates a source with it.
  await memberPage.goto(url("/sources/new/clickup"));
  const sharedBy = `Shared by ${E2E.admin.name} (${E2E.admin.email})`;
  const tile = memberPage.getByRole("radio", { name: owned.credential });
  await expect(tile).toBeVisible();
  await expect(tile).toContainText(sharedBy);
  await expect(tile).toHaveAccessibleName(`${owned.credential} ${sharedBy}`);
  await expect(memberPage.getByRole("radio", { name: mine.credential })).not.toContainText("Shared by");
  sharedSource = uniqueName("Mia's source on a shared credential");
  await createSource(memberPage, owned.credential, sharedSource);
  expect(await memberPage.content()).not.toContain(owned.token);

  // Its page: who shared it, Verify now, but no Edit, Replace token, Delete or Sharing.
  await memberPage.goto(url(`/credentials/${owned.id}`));
  await expect(memberPage.getByText(`Shared with you by ${E2E.admin.name} (${E2E.admin.email})`)).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Verify now" })).toBeVisible();
  for (const name of ["Edit", "Replace token", "Delete"])
    await expect(memberPage.getByRole("button", { name })).toHaveCount(0);
  await expect(memberPage.getByRole("region", { name: "Sharing" })).toHaveCount(0);
  const html = await memberPage.content();
  const rsc = await (await memberPage.request.get(url(`/credentials/${owned.id}`), { headers: { RSC: "1" } })).text();
  for (const text of [html, rsc]) {
    expect(text).not.toContain(owned.token);
    expect(text).not.toContain(owned.token.slice(0, -4));
  }

  // Crafted edit, replace and delete requests are refused: only the owner may change it.
  const before = await credentialRow(owned.credential);
  for (const name of ["edit", "replace", "delete"]) {
    const body = captured[name].body
      .replaceAll((await credentialRow(mine.credential)).id, owned.id)
      .replace(/"version":\d+/, `"version":${before.version}`);
    const response = await postAction(memberPage.request, captured[name], body, E2E.appUrl);
    expect(actionResult(await response.text())?.message, name).toMatch(/Only the credential's owner/);
  }
  expect(await credentialRow(owned.credential)).toEqual(before);

  // While the member's source uses it, the owner cannot stop sharing.
  await page.reload();
  await page.getByRole("button", { name: `Stop sharing with ${member.name}` }).click();
  await expect(page.getByRole("region", { name: "Sharing" }).getByRole("alert")).toContainText(
    `${member.name} uses "${owned.credential}" in 1 source(s)`,
  );
});

test("a credential shared to pass for one of the member's says whose it is, is marked, and they can remove it", async ({
  page,
}) => {
  // Someone saves a credential named, described and verified like the member's own, and shares it unasked.
  const lookalike = { name: mine.credential, token: fakeToken("good"), id: "" };
  await addCredential(page, "/sources/new/clickup", { name: lookalike.name, apiKey: lookalike.token });
  [{ id: lookalike.id }] = await queryRows<{ id: string }>(
    'SELECT id FROM "Credential" WHERE name = ? AND "ownerId" = ?',
    lookalike.name,
    owned.ownerId,
  );
  await page.goto(`/credentials/${lookalike.id}`);
  const sharing = page.getByRole("region", { name: "Sharing" });
  await sharing.getByLabel("Share with").selectOption({ label: `${member.name} (${member.email})` });
  await sharing.getByRole("button", { name: "Share", exact: true }).click();
  await expect(sharing.getByRole("status")).toHaveText(`Shared "${lookalike.name}" with ${member.name}.`);

  // The member's Authenticate screen: two tiles of that name; the shared one says whose it is and
  // that it looks like theirs, on screen and to a screen reader.
  const sharedBy = `Shared by ${E2E.admin.name} (${E2E.admin.email})`;
  const warning = `Its name looks like “${mine.credential}”, another credential you can use`;
  await memberPage.goto(url("/sources/new/clickup"));
  await expect(memberPage.getByRole("radio", { name: mine.credential })).toHaveCount(2);
  const impostor = memberPage.getByRole("radio", { name: `${mine.credential} ${sharedBy}` });
  await expect(impostor).toHaveCount(1);
  await expect(impostor).toContainText(sharedBy);
  await expect(impostor).toContainText(warning);
  await expect(impostor).toHaveAccessibleDescription(new RegExp(`^⚠ ${warning}`));
  const own = memberPage.getByRole("radio", { name: mine.credential }).filter({ hasNotText: "Shared by" });
  await expect(own).toHaveCount(1);
  await expect(own).not.toContainText("looks like");

  // The same on the credentials list, the credential's page and the Configure step.
  await memberPage.goto(url("/credentials"));
  const row = memberPage.getByRole("row").filter({ has: memberPage.getByRole("link", { name: mine.credential }) });
  await expect(row).toHaveCount(2);
  await expect(row.filter({ hasText: "Shared with you by" })).toContainText(
    `Shared with you by ${E2E.admin.name} (${E2E.admin.email})`,
  );
  await expect(row.filter({ hasText: "Shared with you by" })).toContainText(warning);
  await memberPage.goto(url(`/sources/new/clickup/configure?credential=${lookalike.id}`));
  await expect(memberPage.getByText(`shared with you by ${E2E.admin.name} (${E2E.admin.email})`)).toBeVisible();
  await expect(memberPage.getByText(warning)).toBeVisible();

  // A share the member's source uses cannot be removed; the refusal names the source.
  await memberPage.goto(url(`/credentials/${owned.id}`));
  await memberPage.getByRole("button", { name: "Remove from my credentials" }).click();
  await expect(memberPage.getByRole("region", { name: "Shared with you" }).getByRole("alert")).toContainText(
    `"${sharedSource}"`,
  );

  // The look-alike one, unused, can: it leaves the member's credentials and tiles.
  await memberPage.goto(url(`/credentials/${lookalike.id}`));
  await expect(memberPage.getByRole("region", { name: "Shared with you" })).toContainText(
    `${E2E.admin.name} (${E2E.admin.email}) shared this credential with you`,
  );
  await memberPage.getByRole("button", { name: "Remove from my credentials" }).click();
  await expect(memberPage).toHaveURL(/\/credentials$/);
  await expect(memberPage.getByRole("status").first()).toHaveText(
    `Removed “${lookalike.name}” from your credentials. It is no longer shared with you.`,
  );
  await memberPage.goto(url("/sources/new/clickup"));
  await expect(memberPage.getByRole("radio", { name: mine.credential })).toHaveCount(1);
  await expect(memberPage.getByRole("radio", { name: mine.credential })).not.toContainText("Shared by");
  expect((await memberPage.goto(url(`/credentials/${lookalike.id}`)))?.status()).toBe(404);

  // Its owner reads who ended the share in its Activity.
  await page.goto(`/credentials/${lookalike.id}`);
  const latest = page.getByRole("region", { name: "Activity" }).getByRole("listitem").first();
  await expect(latest).toContainText(`Sharing ended · `);
  await expect(latest).toContainText(`by ${member.name}`);
  await expect(latest).toContainText(`${member.name} (${member.email}) removed it from their credentials`);

  // Tidy up: the member's credentials pass to the admin when they are removed (a later test).
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/credentials$/);
});

test("sign-in: wrong passwords get one message for every case; sign-out ends the session on the server", async ({
  browser,
}) => {
  const page = await freshPage(browser);
  await page.goto(url("/credentials"));
  await expect(page).toHaveURL(url("/sign-in?next=%2Fcredentials"));
  for (const [email, password] of [
    [E2E.admin.email, "not the password"],
    ["nobody@example.test", E2E.admin.password],
  ]) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await submitSignIn(page);
    await expect(page.locator("[data-form-alert]")).toHaveText("Incorrect email or password.");
  }
  await page.getByLabel("Email").fill(E2E.admin.email.toUpperCase());
  await page.getByLabel("Password").fill(E2E.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Back where they were going.
  await expect(page).toHaveURL(url("/credentials"));
  const cookies = await page.context().cookies();
  const session = cookies.find((cookie) => cookie.name.endsWith("session_token"))!;
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  // This browser is now known for the admin (a device cookie): strangers' guesses at the email do
  // not lock them out of it.
  const knownBrowser = cookies.find((cookie) => cookie.name.endsWith("known_browser"));
  expect(knownBrowser).toMatchObject({ httpOnly: true, sameSite: "Strict", secure: false, path: "/" });
  expect(knownBrowser!.expires).toBeGreaterThan(Date.now() / 1000 + 100 * 24 * 60 * 60);
  const sessionsBefore = (await queryRows('SELECT id FROM "Session"')).length;

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(url("/sign-in"));
  expect((await queryRows('SELECT id FROM "Session"')).length).toBe(sessionsBefore - 1);

  // Replaying the old cookie does not bring the session back.
  const replay = await browser.newContext({ storageState: NO_SESSION });
  await replay.addCookies([session]);
  const replayPage = await replay.newPage();
  await replayPage.goto(url("/credentials"));
  await expect(replayPage).toHaveURL(/\/sign-in/);
  await replay.close();
  await page.context().close();
});

test("removing the member signs them out at once and hands what they owned to the owner", async ({ page }) => {
  await page.goto("/people");
  await page.getByRole("button", { name: `Remove ${member.name}` }).click();
  const dialog = page.getByRole("alertdialog", { name: "Remove Person" });
  await expect(dialog).toContainText(member.email);
  await dialog.getByRole("button", { name: "Remove" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(member.name) })).toHaveCount(0);

  await memberPage.goto(url("/credentials"));
  await expect(memberPage).toHaveURL(/\/sign-in/);
  const [row] = await queryRows<{ ownerId: string }>(
    'SELECT "ownerId" FROM "Credential" WHERE name = ?',
    mine.credential,
  );
  expect(row.ownerId).toBe(owned.ownerId);
  await page.goto(`/credentials?q=${encodeURIComponent(mine.credential)}`);
  await expect(page.getByRole("link", { name: mine.credential })).toBeVisible();
});

test("sign-in attempts are limited per account, whether or not the account exists", async ({ browser }) => {
  test.setTimeout(90_000);
  const email = `locked.${Date.now()}@example.test`;
  const page = await freshPage(browser);
  // The limit counts per fixed 15-minute window: do not start in the last 30 seconds of one.
  const intoWindow = Date.now() % 900_000;
  if (intoWindow > 870_000) await page.waitForTimeout(900_500 - intoWindow);
  await page.goto(url("/sign-in"));
  for (let attempt = 1; attempt <= 10; attempt++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`guess number ${attempt}`);
    await submitSignIn(page);
    await expect(page.locator("[data-form-alert]")).toHaveText("Incorrect email or password.");
  }
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("guess number 11");
  await submitSignIn(page);
  await expect(page.locator("[data-form-alert]")).toHaveText(
    /^Too many sign-in attempts\. For your security, try again in \d+ minutes?\.$/,
  );
  const [window] = await queryRows<{ count: number }>(
    'SELECT count FROM "RateLimitWindow" WHERE key = ?',
    `sign-in:account:${email}`,
  );
  expect(Number(window.count)).toBe(11);
  await page.context().close();
});
