import type { Locator, Page } from "@playwright/test";

import { credentialPageDialogs, populate, signedInPages } from "./support/a11y-pages";
import { addCredential, fakeToken, revokeAtFakeClickUp, uniqueName } from "./support/helpers";
import { countPixelsChangingShade } from "./support/pixels";
import { expect, test } from "./support/test";

// Forced colours (Windows High Contrast and the like) replace every colour with a few system
// colours and drop backgrounds and shadows. A state shown only by colour, background or shadow
// disappears; these tests look at what the mode keeps.

/** Keyboard focus and the mouse away from everything, so only the state itself shows. */
async function focusElsewhere(page: Page) {
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Every visible <button> (tiles included) without a painted border on all four sides. */
async function buttonsWithoutEdge(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("button")]
      .filter((button) => button.getBoundingClientRect().width > 1)
      .filter((button) => {
        const style = getComputedStyle(button);
        return ["Top", "Right", "Bottom", "Left"].some((side) => {
          const width = parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`));
          const lineStyle = style.getPropertyValue(`border-${side.toLowerCase()}-style`);
          const colour = style.getPropertyValue(`border-${side.toLowerCase()}-color`);
          return width < 1 || ["none", "hidden"].includes(lineStyle) || /rgba\(.*,\s*0\)$|transparent/.test(colour);
        });
      })
      .map((button) => button.getAttribute("aria-label") || button.textContent?.trim().slice(0, 40) || "button"),
  );
}

/** How a control is drawn in forced colours: its text and edge colours and the width of its edge. */
function edge(locator: Locator) {
  return locator.evaluate((element) => {
    const style = getComputedStyle(element);
    const outline = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
    return {
      colour: style.color,
      borderColour: style.borderTopColor,
      width: parseFloat(style.borderTopWidth) + outline,
    };
  });
}

/**
 * Runs `check` in forced colours with the system's light palette, then its dark one, on the page as
 * it is now: the palette is a media feature, so switching it needs no reload, and one set of data
 * and page loads serves both. Leaves the light palette on.
 */
async function inLightAndDark(page: Page, check: (colorScheme: "light" | "dark") => Promise<void>) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ forcedColors: "active", colorScheme });
    await check(colorScheme);
  }
  await page.emulateMedia({ forcedColors: "active", colorScheme: "light" });
}

test.describe("forced colours, light and dark", () => {
  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ forcedColors: "active", colorScheme: "light" });
  });

  test("a selected credential tile differs in shape from an unselected one, with focus elsewhere", async ({ page }) => {
    const name = uniqueName("Forced colours");
    await addCredential(page, "/sources/new/clickup", { name, apiKey: fakeToken("good") });
    await page.goto(`/sources/new/clickup?q=${encodeURIComponent(name)}`);
    const tile = page.getByRole("radio", { name });
    await expect(tile).toHaveAttribute("aria-checked", "false");
    await focusElsewhere(page);
    const unselected: Partial<Record<"light" | "dark", Buffer>> = {};
    await inLightAndDark(page, async (colorScheme) => {
      unselected[colorScheme] = await tile.screenshot({ animations: "disabled", caret: "hide" });
    });

    await tile.click();
    await expect(tile).toHaveAttribute("aria-checked", "true");
    await focusElsewhere(page);
    await inLightAndDark(page, async (colorScheme) => {
      const selected = await tile.screenshot({ animations: "disabled", caret: "hide" });
      // Chromium's emulation happens to paint the selected border in Highlight; a person's palette may
      // not set Highlight apart from the text colour, so the selection must show as a change of shape.
      const { changed, total } = await countPixelsChangingShade(page.context(), unselected[colorScheme]!, selected);
      expect(
        changed,
        `pixels turning light/dark when the tile is selected (of ${total}, ${colorScheme})`,
      ).toBeGreaterThan(total * 0.01);
    });
  });

  test("every button keeps a visible edge, and a disabled button looks different from an enabled one", async ({
    page,
  }) => {
    test.setTimeout(180_000); // every page and dialog, on a busy two-core machine
    const withoutEdge = (where: string) =>
      inLightAndDark(page, async (colorScheme) => {
        expect(await buttonsWithoutEdge(page), `buttons without an edge ${where} (${colorScheme})`).toEqual([]);
      });
    const populated = await populate(page);
    for (const url of signedInPages(populated)) {
      await page.goto(url);
      await withoutEdge(`on ${url}`);
    }
    await page.goto("/sources/new/clickup");
    await page.getByRole("button", { name: "Add Credential" }).click();
    await expect(page.getByRole("dialog", { name: "Add New Credential" })).toBeVisible();
    await withoutEdge("in the overlay");
    for (const [button, role, name] of credentialPageDialogs) {
      await page.goto(populated.credentialUrl);
      await page.getByRole("button", { name: button }).click();
      await expect(page.getByRole(role, { name })).toBeVisible();
      await withoutEdge(`in the ${name} dialog`);
    }

    // Continue: disabled until a tile is selected.
    await page.goto("/sources/new/clickup?q=nothing-matches-this");
    const continueButton = page.getByRole("button", { name: "Continue" });
    await expect(continueButton).toBeDisabled();
    const disabled: Partial<Record<"light" | "dark", Awaited<ReturnType<typeof edge>>>> = {};
    await inLightAndDark(page, async (colorScheme) => {
      disabled[colorScheme] = await edge(continueButton);
    });
    // The Authenticate screen with the populated credential selected (as "Back" from Configure shows it).
    await page.goto(populated.configureUrl.replace("/configure", ""));
    await expect(continueButton).toBeEnabled();
    await focusElsewhere(page);
    await inLightAndDark(page, async (colorScheme) => {
      const enabled = await edge(continueButton);
      const before = disabled[colorScheme]!;
      expect(before.width, `a disabled button has an edge too (${colorScheme})`).toBeGreaterThan(0);
      expect(before.colour, `disabled text colour (${colorScheme})`).not.toBe(enabled.colour);
      expect(before.borderColour, `disabled edge colour (${colorScheme})`).not.toBe(enabled.borderColour);
    });
  });

  test("error fields and status badges show their state with more than colour", async ({ page }) => {
    await page.goto("/sources/new/clickup");
    await page.getByRole("button", { name: "Add Credential" }).click();
    const overlay = page.getByRole("dialog", { name: "Add New Credential" });
    await overlay.getByRole("button", { name: "Save" }).click();
    const invalid = overlay.getByLabel("Credential Name");
    await expect(invalid).toHaveAccessibleDescription("Give the credential a name.");
    await focusElsewhere(page);
    await inLightAndDark(page, async (colorScheme) => {
      const [errorEdge, validEdge] = await Promise.all([
        edge(invalid),
        edge(overlay.getByLabel("Credential Description")),
      ]);
      expect(errorEdge.width, `a field with an error has a thicker edge (${colorScheme})`).toBeGreaterThanOrEqual(
        validEdge.width + 1,
      );
    });

    // A credential's health badge: words inside a bordered box, whatever the colours.
    const name = uniqueName("Badge");
    const token = fakeToken("good");
    await addCredential(page, "/sources/new/clickup", { name, apiKey: token });
    await page.goto(`/credentials?q=${encodeURIComponent(name)}`);
    await page.getByRole("link", { name }).click();
    // The list shows the same badge inside the (focused) link just clicked: wait for the detail page.
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const badge = (label: string) => page.getByText(label, { exact: true }).first().locator("..");
    await inLightAndDark(page, async (colorScheme) => {
      expect((await edge(badge("OK"))).width, `the OK badge's edge (${colorScheme})`).toBeGreaterThanOrEqual(1);
    });
    await revokeAtFakeClickUp(token);
    await page.getByRole("button", { name: "Verify now" }).click();
    await expect(page.getByText("Needs attention", { exact: true }).first()).toBeVisible();
    await inLightAndDark(page, async (colorScheme) => {
      expect(
        (await edge(badge("Needs attention"))).width,
        `the Needs attention badge's edge (${colorScheme})`,
      ).toBeGreaterThanOrEqual(1);
    });
  });
});
