import "server-only";

import { APIError } from "better-auth/api";
import { headers } from "next/headers";

import { invalidInput, type ActionResult } from "@/lib/action-result.browser-safe";
import { fail, rateLimited } from "@/lib/failure-reasons.browser-safe";

import { ServerBusyError, withHashingSlot } from "./hashing-slots";
import { knownBrowserId, rememberBrowser } from "./known-browser";
import { AUTH_MESSAGES } from "./messages";
import type { Visitor } from "./person";
import { signInSchema } from "./schemas";
import { authForRequest } from "./session";
import { limitKnownBrowserAttempts, limitSignInAttempts } from "./sign-in-limit";

export type SignInResult = ActionResult<{ name: string }, "email" | "password">;

/**
 * Sign-in with email and password (`{ email, password }`). From a browser the person signed in
 * with before, attempts are limited per browser; from any other, per email and per client.
 */
export async function signIn(visitor: Visitor, input: unknown): Promise<SignInResult> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["email", "password"] as const);
  const { email, password } = parsed.data;
  const knownBrowser = await knownBrowserId(email);
  try {
    // The slot first: past the cap, the answer is "busy" before any limit is counted or any
    // database work is done, so a flood costs next to nothing.
    return await withHashingSlot(
      async () => {
        const limited = knownBrowser
          ? await limitKnownBrowserAttempts(knownBrowser)
          : await limitSignInAttempts(email, visitor.clientKey);
        if (limited) return rateLimited(limited);
        const auth = await authForRequest();
        // Better Auth hashes in here (verifying, or for an unknown email, the same work).
        const result = await auth.api.signInEmail({ body: { email, password }, headers: await headers() });
        await rememberBrowser(result.user.id, knownBrowser);
        return { ok: true as const, data: { name: result.user.name } };
      },
      { knownBrowser: knownBrowser !== undefined },
    );
  } catch (error) {
    if (error instanceof ServerBusyError) return fail("server-busy", AUTH_MESSAGES.busy);
    if (error instanceof APIError) return fail("unauthenticated", AUTH_MESSAGES.incorrect);
    throw error;
  }
}

/** Ends this browser's session in the database (so it is over on every instance) and clears the cookie. */
export async function signOut(): Promise<void> {
  const auth = await authForRequest();
  try {
    await auth.api.signOut({ headers: await headers() });
  } catch (error) {
    // Already signed out (no or unknown session): nothing to end.
    if (!(error instanceof APIError)) throw error;
  }
}

/**
 * Starts a session for someone whose sign-in was just created (sets the cookie), ending any
 * session this browser had first (someone signed in accepting an invitation becomes the new person,
 * and the old session must not linger). False when it could not: the person exists regardless.
 */
export async function startSession(email: string, password: string): Promise<boolean> {
  try {
    await signOut();
    const auth = await authForRequest();
    // The person was just created here: their hash may use the known browsers' reserve.
    const result = await withHashingSlot(
      async () => auth.api.signInEmail({ body: { email, password }, headers: await headers() }),
      { knownBrowser: true },
    );
    await rememberBrowser(result.user.id);
    return true;
  } catch (error) {
    console.error(
      `[auth] starting a session for a new person failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
    );
    return false;
  }
}
