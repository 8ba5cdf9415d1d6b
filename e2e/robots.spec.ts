import { E2E } from "./support/e2e-env";
import { expect, test } from "./support/test";

// A private tool: search engines are asked to stay out, and that request must reach them, who
// have no session (a redirect to sign-in would hide it).

test("robots.txt is served to a visitor with no cookie, and disallows everything", async ({ playwright }) => {
  const visitor = await playwright.request.newContext({
    baseURL: E2E.appUrl,
    storageState: { cookies: [], origins: [] },
  });
  const response = await visitor.get("/robots.txt", { maxRedirects: 0 });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toMatch(/^text\/plain\b/);
  expect(await response.text()).toMatch(/^User-agent: \*\s*$[\s\S]*^Disallow: \/\s*$/m);

  // And every page says the same in a header (here, the sign-in page a signed-out visitor gets).
  const page = await visitor.get("/sign-in", { maxRedirects: 0 });
  expect(page.status()).toBe(200);
  expect(page.headers()["x-robots-tag"]).toMatch(/\bnoindex\b/);
  await visitor.dispose();
});
