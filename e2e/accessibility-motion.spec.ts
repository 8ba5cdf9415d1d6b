import type { Page } from "@playwright/test";

import { populate, signedInPages } from "./support/a11y-pages";
import { expect, test } from "./support/test";

/** Elements (or their ::before/::after) that animate or transition for any time at all. */
async function movingElements(page: Page) {
  return page.evaluate(() => {
    const longest = (durations: string) => Math.max(...durations.split(",").map((duration) => parseFloat(duration)));
    const moving: string[] = [];
    for (const element of document.querySelectorAll("*")) {
      for (const pseudo of [null, "::before", "::after"]) {
        const style = getComputedStyle(element, pseudo);
        const animates = style.animationName !== "none" && longest(style.animationDuration) > 0;
        const transitions = style.transitionProperty !== "none" && longest(style.transitionDuration) > 0;
        if (animates || transitions)
          moving.push(
            `${element.tagName.toLowerCase()}${pseudo ?? ""} "${(element.textContent ?? "").trim().slice(0, 30)}": ${animates ? `animation ${style.animationName} ${style.animationDuration}` : `transition ${style.transitionProperty} ${style.transitionDuration}`}`,
          );
      }
    }
    return moving;
  });
}

/**
 * The durations an element gets when it asks for a 2 s animation and a 2 s transition, as any
 * component might (set through the CSSOM, which the app's CSP allows). The Configure step's
 * spinner, the one thing that moves today, shows too briefly to catch reliably; this stands in
 * for it and for whatever moves next.
 */
async function probeMotion(page: Page) {
  return page.evaluate(() => {
    const probe = document.createElement("div");
    probe.style.animation = "spin 2s linear infinite";
    probe.style.transition = "opacity 2s";
    document.body.append(probe);
    const style = getComputedStyle(probe);
    const durations = { animation: style.animationDuration, transition: style.transitionDuration };
    probe.remove();
    return durations;
  });
}

test("with reduced motion nothing animates or transitions, on any page or in the overlay", async ({ page }) => {
  test.setTimeout(120_000);
  const populated = await populate(page);
  // The probe can see motion: with no preference, it moves.
  expect(await probeMotion(page)).toEqual({ animation: "2s", transition: "2s" });

  await page.emulateMedia({ reducedMotion: "reduce" });
  expect(await probeMotion(page)).toEqual({ animation: "0s", transition: "0s" });
  for (const url of signedInPages(populated)) {
    await page.goto(url);
    expect(await movingElements(page), `moving on ${url}`).toEqual([]);
  }
  await page.goto("/sources/new/clickup");
  await page.getByRole("button", { name: "Add Credential" }).click();
  await expect(page.getByRole("dialog", { name: "Add New Credential" })).toBeVisible();
  expect(await movingElements(page), "moving in the overlay").toEqual([]);
  expect(await probeMotion(page), "in the overlay").toEqual({ animation: "0s", transition: "0s" });
});
