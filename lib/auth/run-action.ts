import "server-only";

import { fail } from "@/lib/failure-reasons.browser-safe";
import { failureFromError, type ErrorFailure } from "@/lib/failures/failure-from-error";
import { currentClientKey, currentVisitor } from "@/lib/security/client-key";

import type { SessionCaller, Visitor } from "./person";
import { getSignedInSession } from "./session";

// The one way a server action runs a command. Every action in lib/<feature>/actions.ts is a line
// calling asSignedIn (or, for setup, invitations and sign-in, asVisitor) with its command. A thrown
// error becomes a failure in lib/failures (as for the API and the OAuth callback).

/** What an action answers when the person's session ended: nothing was done. */
export const SIGNED_OUT_MESSAGE =
  "You are signed out (your session ended or was signed out elsewhere). Nothing was changed. Sign in again, then retry.";

export type SignedOutFailure = { ok: false; reason: "signed-out"; message: string };

/**
 * For signed-in people: checks the session itself (pages being protected does not protect
 * actions), then runs the command for the caller (with the session id, which OAuth binds its
 * state to). A bug is answered with `bugMessage`; database trouble with what it is.
 */
export async function asSignedIn<T>(
  area: string,
  what: string,
  run: (caller: SessionCaller) => Promise<T>,
  bugMessage?: string,
): Promise<T | SignedOutFailure | ErrorFailure> {
  try {
    const signedIn = await getSignedInSession();
    if (!signedIn) return fail("signed-out", SIGNED_OUT_MESSAGE);
    return await run({ ...signedIn, clientKey: await currentClientKey() });
  } catch (error) {
    return failureFromError(area, what, error, bugMessage);
  }
}

/** For signed-out people (setup, invitations, sign-in): the same, without a session. */
export async function asVisitor<T>(
  area: string,
  what: string,
  run: (visitor: Visitor) => Promise<T>,
  bugMessage?: string,
): Promise<T | ErrorFailure> {
  try {
    return await run(await currentVisitor());
  } catch (error) {
    return failureFromError(area, what, error, bugMessage);
  }
}
