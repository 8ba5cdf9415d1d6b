import type { Page } from "@playwright/test";

import {
  addCredential,
  fakeToken,
  fillCredential,
  openAddCredential,
  revokeAtFakeClickUp,
  uniqueName,
} from "./support/helpers";
import { expect, test } from "./support/test";

// What a screen reader says after an action: the outcome must reach a live region (role status or
// alert), read here from the accessibility tree. A live region whose text changes while it is
// hidden (aria-hidden or inert, as the page behind a modal is) is not announced, and nothing
// announces it later: so the recorder below also notes whether each change happened in view.

/** Starts recording every text a live region takes, and whether the region was exposed at that moment. */
async function recordLiveRegions(page: Page) {
  await page.evaluate(() => {
    const seen: { text: string; exposed: boolean }[] = [];
    (window as unknown as { liveRegionTexts: typeof seen }).liveRegionTexts = seen;
    const liveRegion = (node: Node | null) =>
      (node instanceof Element ? node : node?.parentElement)?.closest('[role="status"], [role="alert"], [aria-live]');
    new MutationObserver((mutations) => {
      for (const mutation of mutations) {
        const nodes = [mutation.target, ...mutation.addedNodes];
        for (const node of nodes) {
          const region =
            liveRegion(node) ??
            (node instanceof Element ? node.querySelector('[role="status"], [role="alert"]') : null);
          const text = region?.textContent?.trim();
          if (region && text) seen.push({ text, exposed: !region.closest('[aria-hidden="true"], [inert]') });
        }
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** Texts live regions took while exposed to assistive technology. */
async function announced(page: Page): Promise<string[]> {
  const seen = await page.evaluate(
    () => (window as unknown as { liveRegionTexts: { text: string; exposed: boolean }[] }).liveRegionTexts,
  );
  return seen.filter((entry) => entry.exposed).map((entry) => entry.text);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

test("Save's outcome and the new tile's selection are announced once the overlay has closed", async ({ page }) => {
  const name = uniqueName("Announced");
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name, apiKey: fakeToken("good") });
  await recordLiveRegions(page);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByRole("main")).toMatchAriaSnapshot(`
    - status: /Credential "${escape(name)}" added and selected\\. ClickUp confirmed it belongs to .+/
  `);
  await expect(page.getByRole("radio", { name, checked: true })).toBeFocused();
  await expect
    .poll(() => announced(page))
    .toContainEqual(expect.stringContaining(`Credential "${name}" added and selected.`));
});

test("a refused save and ClickUp's rate-limit wait are announced as alerts inside the overlay", async ({ page }) => {
  const dialog = await openAddCredential(page);
  await fillCredential(page, { name: uniqueName("Rate limited"), apiKey: fakeToken("ratelimited") });
  await recordLiveRegions(page);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toMatchAriaSnapshot(`
    - alert:
      - paragraph: /rate limit for this API key is reached\\. Try again after \\d\\d:\\d\\d:\\d\\d UTC \\(in about \\d+ seconds\\)/
  `);
  await expect.poll(() => announced(page)).toContainEqual(expect.stringMatching(/Try again after .* UTC/));
});

test("Verify now and Edit announce their results: success as a status, failure as an alert", async ({ page }) => {
  const name = uniqueName("Verified aloud");
  const token = fakeToken("good");
  await addCredential(page, "/sources/new/clickup", { name, apiKey: token });
  await page.goto(`/credentials?q=${encodeURIComponent(name)}`);
  await page.getByRole("link", { name }).click();
  const manage = page.getByRole("region", { name: "Manage credential" });
  await recordLiveRegions(page);

  await manage.getByRole("button", { name: "Verify now" }).click();
  await expect(manage).toMatchAriaSnapshot(`
    - status: ClickUp confirmed the token.
  `);

  await manage.getByRole("button", { name: "Edit" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Credential" });
  await edit.getByLabel("Credential Description").fill("Edited aloud");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(manage).toMatchAriaSnapshot(`
    - status: Changes saved.
  `);

  await revokeAtFakeClickUp(token);
  await manage.getByRole("button", { name: "Verify now" }).click();
  await expect(manage).toMatchAriaSnapshot(`
    - alert:
      - paragraph: /ClickUp rejected this API key/
  `);
  await expect
    .poll(() => announced(page))
    .toEqual(
      expect.arrayContaining([
        "ClickUp confirmed the token.",
        "Changes saved.",
        expect.stringContaining("ClickUp rejected this API key"),
      ]),
    );
});
