import "server-only";

import { SOMETHING_WENT_WRONG } from "@/lib/action-result.browser-safe";
import { databaseTrouble, type DatabaseTrouble } from "@/lib/db/errors";
import { DATABASE_MESSAGES } from "@/lib/db/messages";
import { fail } from "@/lib/failure-reasons.browser-safe";

// The one place a thrown error becomes a failure, whatever the entry point: a server action
// (lib/auth/run-action.ts), an API route (lib/api/route.ts), the OAuth callback. Database trouble
// is said as what it is; anything else is a bug, logged without inputs.

/** The reasons a thrown error can become. */
export type ErrorReason = "bug" | "database-busy" | "database-out-of-space" | "database-unreachable";

const TROUBLE_REASON: Record<DatabaseTrouble, ErrorReason> = {
  busy: "database-busy",
  outOfSpace: "database-out-of-space",
  unreachable: "database-unreachable",
};

export type ErrorFailure = { ok: false; reason: ErrorReason; message: string };

/**
 * A thrown error as a failure: "database-busy", "-out-of-space" or "-unreachable" with the pages'
 * sentence, or "bug" with `bugMessage`. Either way it is logged as "[area] what failed: Name:
 * message" only — inputs, and tokens, stay out of logs.
 */
export function failureFromError(
  area: string,
  what: string,
  error: unknown,
  bugMessage: string = SOMETHING_WENT_WRONG,
): ErrorFailure {
  logBug(area, what, error);
  const trouble = databaseTrouble(error);
  return trouble ? fail(TROUBLE_REASON[trouble], DATABASE_MESSAGES[trouble]) : fail("bug", bugMessage);
}

/** A bug, not bad input: its name and message only, never the inputs (they may hold a token or password). */
export function logBug(area: string, what: string, error: unknown): void {
  console.error(
    `[${area}] ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
  );
}
