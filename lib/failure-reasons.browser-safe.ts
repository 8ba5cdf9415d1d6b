// Why an expected failure happened: one closed list, shared by every feature, the pages, the REST
// API (each problem's `code`, lib/api/failure.ts maps each to one HTTP status) and the OpenAPI
// document. Behaviour is chosen by reason, never by comparing a message: messages are per feature
// and written for people, so editing one changes nothing else.

export const FAILURE_REASONS = [
  // The request itself
  /** Not understood: not JSON, a bad query parameter or header, a form that is not this app's. */
  "malformed",
  /** Understood, but the input fails its checks (`fieldErrors` says which fields, when it is about fields). */
  "invalid",
  /** A body over the size cap. */
  "too-large",
  /** This route has no such method. */
  "method-not-allowed",
  /** The request named a host name this app does not serve. */
  "misdirected",

  // Who is asking
  /** No, or no valid, API key; or an email and password that do not match. */
  "unauthenticated",
  /** A page's action without a (still) valid session: nothing was done; sign in again. */
  "signed-out",
  /** The API key is valid but was not given the scope this call needs. */
  "missing-scope",
  /** No such record, or not one the caller may see: the two are never told apart. */
  "not-found",
  /** The caller may see or use the record, but only its owner may do this. */
  "not-owner",
  /** Only the admin may do this. */
  "admin-only",

  // The record's state
  /** The record changed since the caller read it (an older version was named). */
  "stale",
  /** Sources or destinations use it (`usedBy` lists them). */
  "in-use",
  /** The new token belongs to another ClickUp account (`accountChange`): confirm to go on. */
  "account-changed",
  /** An OAuth credential gets a new token by Reconnect, not by pasting one. */
  "reconnect-instead",
  /** It is so already, or it was done meanwhile (already shared, already set up, already used). */
  "conflict",
  /** Understood and allowed, but not possible for this record (share it with its own owner…). */
  "refused",
  /** The credential cannot be used as stored (gone, rejected by ClickUp, undecryptable): replace or pick another. */
  "credential-unusable",
  /** A feature this installation has not set up (OAuth without its settings). */
  "not-configured",

  // Limits
  /** Too many attempts, here or at ClickUp (`retryAt` says when it lifts, when known). */
  "rate-limited",
  /** The server has no room for this now (every password-hashing slot in use): try again soon. */
  "server-busy",

  // ClickUp
  /** ClickUp did not accept the token (or the OAuth code). */
  "clickup-rejected",
  /** ClickUp could not be reached, was too slow, or answered with something other than its API. */
  "clickup-unavailable",

  // The database (lib/db/errors.ts tells which)
  "database-busy",
  "database-out-of-space",
  "database-unreachable",

  /** A bug: nothing was changed, the details went to the server log. */
  "bug",
] as const;

export type FailureReason = (typeof FAILURE_REASONS)[number];

/** Which of two ClickUp accounts a token belonged to before and after. */
export interface AccountChange {
  from: string;
  to: string;
}

/** Reasons whose failures carry a payload of their own. */
type ReasonWithPayload = "invalid" | "rate-limited" | "in-use" | "account-changed";
export type PlainReason = Exclude<FailureReason, ReasonWithPayload>;

/**
 * An expected failure: its reason, a sentence for a person, and the payload its reason needs.
 * `Field` names the form's fields (for `fieldErrors`); `Use` what `usedBy` lists.
 */
export type Failure<Field extends string = string, Use = unknown> =
  | { ok: false; reason: PlainReason; message: string }
  | { ok: false; reason: "invalid"; message: string; fieldErrors?: Partial<Record<Field, string>> }
  | { ok: false; reason: "rate-limited"; message: string; retryAt?: string }
  | { ok: false; reason: "in-use"; message: string; usedBy: Use }
  | { ok: false; reason: "account-changed"; message: string; accountChange: AccountChange };

/** A failure for a reason with no payload. */
export function fail<R extends PlainReason>(reason: R, message: string): { ok: false; reason: R; message: string } {
  return { ok: false, reason, message };
}

/** Fields failed their checks; the message is the form-level one. */
export function invalid<Field extends string>(
  message: string,
  fieldErrors?: Partial<Record<Field, string>>,
): { ok: false; reason: "invalid"; message: string; fieldErrors?: Partial<Record<Field, string>> } {
  return { ok: false, reason: "invalid", message, ...(fieldErrors ? { fieldErrors } : {}) };
}

/** Too many attempts; `retryAt` (ISO time) when known. */
export function rateLimited(
  message: string,
  retryAt?: string,
): { ok: false; reason: "rate-limited"; message: string; retryAt?: string } {
  return { ok: false, reason: "rate-limited", message, ...(retryAt ? { retryAt } : {}) };
}

/** Refused because these use it. */
export function inUse<Use>(
  message: string,
  usedBy: Use,
): { ok: false; reason: "in-use"; message: string; usedBy: Use } {
  return { ok: false, reason: "in-use", message, usedBy };
}

/** The new token is another ClickUp account's. */
export function accountChanged(
  message: string,
  accountChange: AccountChange,
): { ok: false; reason: "account-changed"; message: string; accountChange: AccountChange } {
  return { ok: false, reason: "account-changed", message, accountChange };
}

export function isFailureReason(value: unknown): value is FailureReason {
  return typeof value === "string" && (FAILURE_REASONS as readonly string[]).includes(value);
}
