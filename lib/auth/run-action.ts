import "server-only";

import { SOMETHING_WENT_WRONG } from "@/lib/action-result.browser-safe";
import { databaseTrouble } from "@/lib/db/errors";
import { DATABASE_MESSAGES } from "@/lib/db/messages";
import { currentClientKey } from "@/lib/security/client-key";

import type { Caller, Visitor } from "./person";
import { getSignedInPerson, SIGNED_OUT_RESULT } from "./session";

// The one way a server action runs a command. Every action in lib/<feature>/actions.ts is a line
// calling asSignedIn (or, for setup, invitations and sign-in, asVisitor) with its command.

type Failure = { ok: false; message: string };

/**
 * For signed-in people: checks the session itself (pages being protected does not protect
 * actions), then runs the command for the caller. A bug is logged as "[area] what failed: Name:
 * message" only — inputs, and tokens, stay out of logs — and answered with `failureMessage`;
 * database trouble (busy, out of space, unreachable) is answered with what it is instead.
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
    return failed(area, what, error, failureMessage);
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
    return failed(area, what, error, failureMessage);
  }
}

function failed(area: string, what: string, error: unknown, failureMessage: string): Failure {
  logBug(area, what, error);
  const trouble = databaseTrouble(error);
  return { ok: false, message: trouble ? DATABASE_MESSAGES[trouble] : failureMessage };
}

/** A bug, not bad input: its name and message only, never the inputs (they may hold a token or password). */
export function logBug(area: string, what: string, error: unknown): void {
  console.error(
    `[${area}] ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
  );
}
