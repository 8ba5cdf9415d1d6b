import "server-only";

import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";

import { getDb } from "@/lib/db/client";

import { sessionSigningSecret } from "./better-auth";
import { requestIsSecure } from "./session";

/**
 * Known browsers: OWASP's "device cookie" (Slow Down Online Guessing Attacks with Device Cookies).
 * A browser someone signed in from gets a cookie bound to that person — a random id and an HMAC
 * of person id and id under a key derived from the session secret, so nothing is stored and it
 * cannot be forged or moved to another person. Sign-in attempts that present it for that
 * person's email are counted per cookie instead of per email (lib/auth/sign-in-limit.ts), so
 * strangers guessing at an email cannot lock its person out of the browsers they already use.
 */
const COOKIE_NAME = "connector-credentials.known_browser";
const MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

// `__Secure-` over https, like the session cookie, so a plain-http page cannot plant one.
const cookieName = (secure: boolean) => (secure ? `__Secure-${COOKIE_NAME}` : COOKIE_NAME);

function sign(personId: string, id: string): string {
  // A key of its own (derived), so a device cookie's HMAC can never pass for a session cookie's.
  const key = createHmac("sha256", sessionSigningSecret()).update("known-browser-cookie-v1").digest();
  return createHmac("sha256", key).update(`${personId}.${id}`).digest("base64url");
}

/**
 * The id of this browser's device cookie when it is a valid one for the person signing in with
 * `email`; undefined for an unknown browser (no cookie, a forged one, or another person's).
 */
export async function knownBrowserId(email: string): Promise<string | undefined> {
  const value = (await cookies()).get(cookieName(await requestIsSecure()))?.value ?? "";
  const [id, signature, ...rest] = value.split(".");
  if (!id || !signature || rest.length > 0 || !/^[\w-]{22}$/.test(id)) return undefined;
  const person = await getDb().user.findUnique({ where: { email }, select: { id: true } });
  if (!person) return undefined;
  const expected = Buffer.from(sign(person.id, id));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
}

/**
 * After a successful sign-in: marks this browser as known for the person (keeping its id if it
 * was known already, so its attempts keep one counter), for 180 days from now.
 */
export async function rememberBrowser(personId: string, knownId?: string): Promise<void> {
  const id = knownId ?? randomBytes(16).toString("base64url");
  const secure = await requestIsSecure();
  (await cookies()).set(cookieName(secure), `${id}.${sign(personId, id)}`, {
    httpOnly: true,
    // Only ever needed on this app's own form posts.
    sameSite: "strict",
    secure,
    path: "/",
    maxAge: MAX_AGE_SECONDS,
  });
}
