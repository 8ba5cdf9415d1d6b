import "server-only";

import { SOMETHING_WENT_WRONG } from "@/lib/action-result.browser-safe";
import { currentClientKey } from "@/lib/security/client-key";

import type { Caller, Visitor } from "./person";
import { getSignedInPerson, SIGNED_OUT_RESULT } from "./session";

// The one way a server action runs a command. Every action in lib/<feature>/actions.ts is a line
// calling asSignedIn (or, for setup, invitations and sign-in, asVisitor) with its command.

type Failure = { ok: false; message: string };

/**
 * For signed-in people: checks the session itself (pages being protected does not protect
 * actions), then runs the command for the caller. A bug is logged as "[area] what failed: Name:
 * message" only — inputs, and tokens, stay out of logs — and answered with `failureMessage`.
 */
export async function asSignedIn<T>(
  area: string,
  what: string,
  run: (caller: Caller) => Promise<T>,
  failureMessage: string = SOMETHING_WENT_WRONG,
): Promise<T | typeof SIGNED_OUT_RESULT | Failure> {
  try {
    const person = await getSignedInPerson();
    if (!person) return SIGNED_OUT_RESULT;
    return await run({ person, clientKey: await currentClientKey() });
  } catch (error) {
    logBug(area, what, error);
    return { ok: false, message: failureMessage };
  }
}

/** For signed-out people (setup, invitations, sign-in): the same, without a session. */
export async function asVisitor<T>(
  area: string,
  what: string,
  run: (visitor: Visitor) => Promise<T>,
  failureMessage: string = SOMETHING_WENT_WRONG,
): Promise<T | Failure> {
  try {
    return await run({ clientKey: await currentClientKey() });
  } catch (error) {
    logBug(area, what, error);
    return { ok: false, message: failureMessage };
  }
}

/** A bug, not bad input: its name and message only, never the inputs (they may hold a token or password). */
export function logBug(area: string, what: string, error: unknown): void {
  console.error(
    `[${area}] ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
  );
}
