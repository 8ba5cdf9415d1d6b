import { expect, type Page } from "@playwright/test";

// Checks of a page's layout as it is now, for reflow (WCAG 1.4.10), text size (1.4.4) and target
// size (2.5.8). Each returns what is wrong, described so a failure names the element.

/** What a person can click, tap or focus (hidden inputs and screen-reader-only text excluded). */
const TARGETS = 'a[href], button, input:not([type="hidden"]), select, textarea, [role="radio"], [tabindex="0"]';

/** The page scrolls sideways, or elements stick out to the right (other than inside their own scroll region). */
export async function expectNoSidewaysScroll(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()} "${(element.textContent ?? "").trim().slice(0, 40)}" (right edge ${Math.round(element.getBoundingClientRect().right)})`;
    const scrollsItself = (element: Element | null): boolean => {
      for (
        let ancestor = element?.parentElement;
        ancestor && ancestor !== document.body;
        ancestor = ancestor.parentElement
      ) {
        if (["auto", "scroll"].includes(getComputedStyle(ancestor).overflowX)) return true;
      }
      return false;
    };
    const sticksOut = [...document.body.querySelectorAll("*")].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.right > width + 1 && !scrollsItself(element);
    });
    // Only a table's own region may scroll sideways (a dialog that does is as bad as the page).
    const scrollers = [...document.body.querySelectorAll("*")].filter(
      (element) =>
        ["auto", "scroll"].includes(getComputedStyle(element).overflowX) &&
        element.scrollWidth > element.clientWidth + 1 &&
        element.getAttribute("role") !== "region",
    );
    return {
      scrollWidth: root.scrollWidth,
      clientWidth: width,
      // Hiding the overflow would pass the scrollWidth check and cut content off: not allowed (except
      // the body's scroll lock while a modal dialog is open).
      hidden: (document.querySelector('[role="dialog"], [role="alertdialog"]') ? [root] : [root, document.body])
        .filter((element) => ["hidden", "clip"].includes(getComputedStyle(element).overflowX))
        .map((element) => element.tagName.toLowerCase()),
      sticksOut: sticksOut.slice(0, 5).map(describe),
      scrollers: scrollers.map(
        (element) =>
          `${element.tagName.toLowerCase()} ${element.getAttribute("role") ?? ""} (${element.scrollWidth} in ${element.clientWidth})`,
      ),
    };
  });
  expect(found.sticksOut, `elements sticking out to the right on ${where}`).toEqual([]);
  expect(found.scrollers, `boxes other than a table's region scrolling sideways on ${where}`).toEqual([]);
  expect(found.hidden, `horizontal overflow hidden on ${where}`).toEqual([]);
  expect(found.scrollWidth, `document width on ${where}`).toBeLessThanOrEqual(found.clientWidth);
}

/** Every table scrolls inside its own region: named, focusable (so keyboards can scroll it) and scrollable. */
export async function expectTablesInLabelledRegions(page: Page, where: string) {
  const problems = await page.evaluate(() =>
    [...document.querySelectorAll("table")].flatMap((table) => {
      const region = table.closest('[role="region"]');
      const heading = table.querySelector("th")?.textContent?.trim() ?? "table";
      if (!region) return [`the table starting "${heading}" is not inside a region`];
      const problems: string[] = [];
      if (!region.getAttribute("aria-label") && !region.getAttribute("aria-labelledby"))
        problems.push(`the region of "${heading}" has no name`);
      if (region.getAttribute("tabindex") !== "0") problems.push(`the region of "${heading}" cannot be focused`);
      if (!["auto", "scroll"].includes(getComputedStyle(region).overflowX))
        problems.push(`the region of "${heading}" does not scroll sideways`);
      return problems;
    }),
  );
  expect(problems, `tables on ${where}`).toEqual([]);
}

/**
 * Targets under 24 x 24 CSS px (WCAG 2.2, 2.5.8). We keep the simple half of the rule: every
 * target is at least 24 x 24, rather than relying on spacing, which changes as text wraps. A link
 * inside running text (2.5.8's "inline" exception) is exempt.
 */
export async function expectTargetsAtLeast24Px(page: Page, where: string, within = "body") {
  const small = await page.evaluate(
    ({ selector, within }) => {
      const root = document.querySelector(within)!;
      const inSentence = (element: Element) =>
        element.tagName === "A" &&
        [...(element.parentElement?.childNodes ?? [])].some(
          (node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== "",
        );
      return [...root.querySelectorAll(selector)]
        .filter((element) => {
          const box = element.getBoundingClientRect();
          // Visually hidden (sr-only) text is 1 px; it is no target.
          if (box.width <= 1 || box.height <= 1 || getComputedStyle(element).visibility === "hidden") return false;
          return !inSentence(element) && (box.width < 23.5 || box.height < 23.5);
        })
        .map((element) => {
          const box = element.getBoundingClientRect();
          const name = element.getAttribute("aria-label") || element.textContent?.trim().slice(0, 40) || "";
          return `${element.tagName.toLowerCase()} "${name}" is ${Math.round(box.width)} x ${Math.round(box.height)}`;
        });
    },
    { selector: TARGETS, within },
  );
  expect(small, `targets under 24 x 24 px on ${where}`).toEqual([]);
}

/** Controls that overlap one another, or whose text spills out of them (e.g. at 200 % text size). */
export async function expectNoOverlappingOrClippedControls(page: Page, where: string, within = "body") {
  const problems = await page.evaluate(
    ({ selector, within }) => {
      const root = document.querySelector(within)!;
      // Only what is shown: the content of a closed <details> keeps its boxes, stacked where it would open.
      const controls = [...root.querySelectorAll(selector)].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 1 && box.height > 1 && element.checkVisibility();
      });
      const name = (element: Element) =>
        `${element.tagName.toLowerCase()} "${element.getAttribute("aria-label") || element.textContent?.trim().slice(0, 30) || ""}"`;
      const problems: string[] = [];
      controls.forEach((element, index) => {
        const a = element.getBoundingClientRect();
        if (element.tagName === "BUTTON" && element.scrollWidth > element.clientWidth + 1)
          problems.push(`${name(element)}: its text is wider than the button`);
        for (const other of controls.slice(index + 1)) {
          if (element.contains(other) || other.contains(element)) continue;
          const b = other.getBoundingClientRect();
          const overlapX = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const overlapY = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (overlapX > 1 && overlapY > 1) problems.push(`${name(element)} overlaps ${name(other)}`);
        }
      });
      return problems;
    },
    { selector: TARGETS, within },
  );
  expect(problems, `overlapping or clipped controls on ${where}`).toEqual([]);
}

/** Makes the page's text twice its size, as a browser's text-size setting does (rem-based sizes follow). */
export async function doubleTextSize(page: Page) {
  // Set through the CSSOM, which the app's Content-Security-Policy allows (an injected <style> it does not).
  await page.evaluate(() => {
    document.documentElement.style.fontSize = "200%";
  });
}
