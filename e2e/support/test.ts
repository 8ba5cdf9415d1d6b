import { test as base, expect } from "@playwright/test";

/**
 * Playwright's test, plus a check after every test: the page logged no Content-Security-Policy
 * violation and threw no uncaught error. A CSP that blocks our own scripts or styles, or a
 * hydration failure, fails the test that caused it.
 */
export const test = base.extend<{ pageProblems: string[] }>({
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on("console", (message) => {
        if (
          message.type() === "error" &&
          /Content.Security.Policy|Refused to (load|execute|apply)|Hydration/i.test(message.text())
        ) {
          problems.push(message.text());
        }
      });
      page.on("pageerror", (error) => problems.push(`Uncaught: ${error.message}`));
      await use(problems);
      expect(problems, "browser console problems").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
