// The sign-in form's server action, learnt once from a real browser and then posted by fetch() as
// the form posts it: used by `npm run bench:sign-in` (under a flood) and by `npm run bench`
// (sign-in time through the server).
import type { Browser } from "@playwright/test";

import { fetchWithoutSession } from "./session";

// Placeholders typed into the form once, to learn the exact body the browser posts.
const MARK = { email: "mark.email.placeholder@example.test", password: "mark-password-placeholder" };

export type Outcome = "signed in" | "busy" | "incorrect" | "too many attempts" | "no answer" | "other";

export interface SignInAction {
  url: string;
  headers: Record<string, string>;
  body: string;
  origin: string;
}

/** Types the placeholders into /sign-in in a new page and catches the post (aborted: nobody signs in). */
export async function captureSignInAction(browser: Browser, baseUrl: string): Promise<SignInAction> {
  const page = await browser.newPage();
  let resolve!: (action: SignInAction) => void;
  const captured = new Promise<SignInAction>((done) => (resolve = done));
  await page.route("**/sign-in**", async (route) => {
    const request = route.request();
    if (request.method() !== "POST" || !request.headers()["next-action"]) return route.continue();
    const all = request.headers();
    const headers = Object.fromEntries(
      ["next-action", "next-router-state-tree", "content-type", "accept"]
        .filter((name) => all[name] !== undefined)
        .map((name) => [name, all[name]]),
    );
    resolve({ url: request.url(), headers, body: request.postData() ?? "", origin: baseUrl });
    await route.abort();
  });
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(MARK.email);
  await page.getByLabel("Password").fill(MARK.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  const action = await captured;
  if (!action.body.includes(MARK.email) || !action.body.includes(MARK.password))
    throw new Error("the captured sign-in request does not carry the typed values");
  return action;
}

/** One sign-in, posted as the form posts it; how long the answer took and what it was. */
export async function signIn(
  action: SignInAction,
  attempt: { email: string; password: string; clientKey: string; cookie?: string },
  signal?: AbortSignal,
): Promise<{ ms: number; outcome: Outcome }> {
  const started = performance.now();
  const response = await fetchWithoutSession(action.url, {
    method: "POST",
    redirect: "manual",
    signal,
    headers: {
      ...action.headers,
      origin: action.origin,
      // The app runs as if behind one proxy (TRUSTED_PROXY_COUNT=1), so it keys its per-client
      // limits on the last X-Forwarded-For entry; every flood request claims a new client, as a
      // flood from many addresses (a botnet) would.
      "x-forwarded-for": attempt.clientKey,
      ...(attempt.cookie ? { cookie: attempt.cookie } : {}),
    },
    body: action.body.replace(MARK.email, attempt.email).replace(MARK.password, attempt.password),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  if (response.headers.get("x-action-redirect")) return { ms, outcome: "signed in" };
  if (text.includes("The server is busy")) return { ms, outcome: "busy" };
  if (text.includes("Incorrect email or password")) return { ms, outcome: "incorrect" };
  if (text.includes("Too many")) return { ms, outcome: "too many attempts" };
  return { ms, outcome: "other" };
}
