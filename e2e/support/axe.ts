import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/**
 * axe for the page as it is now. With no frames in it, axe.run in the page itself ("legacy mode")
 * finds what runPartial in each frame plus finishRun in a new blank page finds, in about 0.55 of the
 * time (measured on five of the app's pages: same results, 31 s against 54 s); the blank page per
 * scan was most of the cost. A page with frames gets the frame-by-frame way, cross-origin ones too.
 */
const axeFor = (page: Page) => new AxeBuilder({ page }).setLegacyMode(page.frames().length === 1);

function expectNoViolations({ violations }: AxeResults, where: string) {
  const summary = violations.map(
    (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`,
  );
  expect(summary, `axe violations on ${where}`).toEqual([]);
}

/** Runs axe (WCAG 2.x A/AA) on the page as it is now; any violation fails with its rule ids. */
export async function expectNoAxeViolations(page: Page, where: string) {
  expectNoViolations(await axeFor(page).withTags(WCAG_TAGS).analyze(), where);
}

/**
 * The page as it is now, in light and in dark mode: every rule in light, then in dark only the
 * rules about colour (those axe files under "cat.color": contrast, links told apart by colour).
 * Dark mode changes colours and nothing else (tests/structure/dark-mode-colours.test.ts keeps it
 * so), so every other rule would find in dark what it found in light; scanning both schemes on one
 * load saves a second page load, a second set of data and most of a second scan. Leaves it light.
 */
export async function expectNoAxeViolationsLightAndDark(page: Page, where: string) {
  await page.emulateMedia({ colorScheme: "light" });
  const light = await axeFor(page).withTags(WCAG_TAGS).analyze();
  expectNoViolations(light, `${where} (light mode)`);
  const everyRule = [...light.passes, ...light.violations, ...light.incomplete, ...light.inapplicable];
  const colourRules = everyRule.filter((rule) => rule.tags.includes("cat.color")).map((rule) => rule.id);
  expect(colourRules, "axe's colour rules among the WCAG A/AA ones").toEqual(
    expect.arrayContaining(["color-contrast", "link-in-text-block"]),
  );

  await page.emulateMedia({ colorScheme: "dark" });
  expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches), "dark mode is on").toBe(true);
  const dark = await axeFor(page).withRules(colourRules).analyze();
  expectNoViolations(dark, `${where} (dark mode)`);
  // Contrast was measured on something in dark mode, not found inapplicable everywhere.
  expect(
    [...dark.passes, ...dark.violations, ...dark.incomplete].map((rule) => rule.id),
    `colour contrast checked on ${where} (dark mode)`,
  ).toContain("color-contrast");
  await page.emulateMedia({ colorScheme: "light" });
}
