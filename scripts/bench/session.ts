// The benchmarks measure a signed-in person's pages and saves, as a real user gets them: first-run
// setup makes the admin once (in a real browser), and every later request carries its
// session cookie — fetch() through a wrapper, browsers through newSignedInPage().
import { chromium, type Browser, type Cookie, type Page } from "@playwright/test";
import Database from "better-sqlite3";

let cookies: Cookie[] = [];
export let ownerId = "";
/** The person first-run setup creates: `npm run bench` also times their sign-in. */
export const OWNER = { name: "Bench Owner", email: "bench.owner@example.test", password: "benchmark owner passphrase" };
/** fetch() as it was before signInToApp() added the session cookie to requests for the app. */
export const fetchWithoutSession: typeof fetch = globalThis.fetch.bind(globalThis);

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
    await page.getByLabel("Name").fill(OWNER.name);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(`${baseUrl}/`);
    cookies = await page.context().cookies();
  } finally {
    await browser.close();
  }
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    ownerId = (db.prepare('SELECT id FROM "User" WHERE email = ?').get(OWNER.email) as { id: string }).id;
  } finally {
    db.close();
  }
  sessionHeaders.set(baseUrl, sessionCookieHeader());
  installSessionFetch();
}

// Cookie header per app URL. `npm run bench` signs in to a new server (often on a port used before)
// each round, so fetch() is wrapped once and the latest sign-in for a URL wins.
const sessionHeaders = new Map<string, string>();
let fetchWrapped = false;

function installSessionFetch() {
  if (fetchWrapped) return;
  fetchWrapped = true;
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const baseUrl = [...sessionHeaders.keys()].find((base) => url.startsWith(base));
    if (!baseUrl) return realFetch(input, init);
    const headers = new Headers(init?.headers);
    headers.set("cookie", sessionHeaders.get(baseUrl)!);
    return realFetch(input, { ...init, headers });
  };
}

/** The signed-in person's Cookie header, for clients that are not fetch() or Playwright (Lighthouse). */
export const sessionCookieHeader = () => cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

export async function newSignedInPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  await context.addCookies(cookies);
  return context.newPage();
}
