// The benchmarks measure a signed-in person's pages and saves, as a real user gets them: first-run
// setup makes the admin once (in a real browser), and every later request carries its
// session cookie — fetch() through a wrapper, browsers through newSignedInPage().
import { chromium, type Browser, type Cookie, type Page } from "@playwright/test";
import Database from "better-sqlite3";

let cookies: Cookie[] = [];
export let ownerId = "";

export const launchBrowser = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });

export async function signInToApp(baseUrl: string, dbFile: string): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(`${baseUrl}/setup`);
    await page.getByLabel("Name").fill("Bench Owner");
    await page.getByLabel("Email").fill("bench.owner@example.test");
    await page.getByLabel("Password").fill("benchmark owner passphrase");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseUrl}/`);
    cookies = await page.context().cookies();
  } finally {
    await browser.close();
  }
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    ownerId = (db.prepare('SELECT id FROM "User" WHERE email = ?').get("bench.owner@example.test") as { id: string })
      .id;
  } finally {
    db.close();
  }
  const header = cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(baseUrl)) return realFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set("cookie", header);
    return realFetch(input, { ...init, headers });
  };
}

export async function newSignedInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  return context.newPage();
}
