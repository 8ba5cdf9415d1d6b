import "server-only";

import { INPUT_NOT_UNDERSTOOD } from "@/lib/action-result.browser-safe";
import { CREDENTIAL_MESSAGES } from "@/lib/credentials/messages";
import { ENDPOINT_MESSAGES } from "@/lib/endpoints/messages";

import { problemResponse } from "./problem";

// The one place a command's failure becomes an HTTP status. The commands answer sentences, not
// codes (the pages need only those); the API tells them apart by the shape of the result and,
// for "not found", by the message itself.

/** Whatever a command can answer on failure, across features. */
export interface CommandFailure {
  ok: false;
  message: string;
  fieldErrors?: Partial<Record<string, string>>;
  retryAt?: string;
  needsOtherCredential?: boolean;
  usedBy?: unknown;
  accountChange?: { from: string; to: string };
}

// "Not yours to change" is "not found", as on the pages' ids: the API never answers 403.
const NOT_FOUND = new Set<string>([
  CREDENTIAL_MESSAGES.notFound,
  CREDENTIAL_MESSAGES.ownerOnly,
  CREDENTIAL_MESSAGES.ownerOnlyShare,
  ENDPOINT_MESSAGES.notFound,
]);

export function failureStatus(failure: CommandFailure): number {
  if (NOT_FOUND.has(failure.message)) return 404;
  if (failure.retryAt) return 429;
  if (failure.usedBy !== undefined || failure.accountChange) return 409;
  // An OAuth credential's token comes from Reconnect (in the app), not from a pasted one.
  if (failure.message === CREDENTIAL_MESSAGES.reconnectInstead) return 409;
  if (failure.message === CREDENTIAL_MESSAGES.stale) return 412;
  if (failure.message === INPUT_NOT_UNDERSTOOD) return 400;
  // Field errors, a token the connector rejected, an unusable credential: understood, not doable.
  return 422;
}

export function failureResponse(failure: CommandFailure): Response {
  const status = failureStatus(failure);
  const errors = failure.fieldErrors
    ? Object.fromEntries(
        Object.entries(failure.fieldErrors).filter((entry): entry is [string, string] => entry[1] !== undefined),
      )
    : undefined;
  const retryAfter = failure.retryAt
    ? Math.max(1, Math.ceil((Date.parse(failure.retryAt) - Date.now()) / 1000))
    : undefined;
  return problemResponse(
    status,
    failure.message,
    {
      ...(errors ? { errors } : {}),
      ...(failure.usedBy !== undefined ? { usedBy: failure.usedBy } : {}),
      ...(failure.accountChange ? { accountChange: failure.accountChange } : {}),
      ...(failure.retryAt ? { retryAt: failure.retryAt } : {}),
    },
    retryAfter ? { "retry-after": String(retryAfter) } : {},
  );
}

/** `{ ok: true, data }` as JSON (with `status`), a failure as its problem. */
export function resultResponse<T>(
  result: { ok: true; data: T } | CommandFailure,
  status = 200,
  headers: (data: T) => Record<string, string> = () => ({}),
): Response {
  if (!result.ok) return failureResponse(result);
  return new Response(JSON.stringify(result.data), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers(result.data) },
  });
}
