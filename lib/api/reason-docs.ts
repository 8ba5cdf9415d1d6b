import "server-only";

import type { FailureReason } from "@/lib/failure-reasons.browser-safe";

// What each problem `code` means to a client, for the API reference (/api/docs#problem-<code>,
// each problem's `type`). The sentence in `detail` is for people; this is for whoever codes against it.

export const REASON_MEANINGS: Record<FailureReason, string> = {
  malformed: "The request was not understood: not JSON, a bad query parameter, If-Match or Idempotency-Key.",
  invalid:
    "The input failed its checks; errors names each field and why, when it is about fields. Fix it and send again.",
  "too-large": "The body is over the size cap (32 KiB).",
  "method-not-allowed": "This route does not take that method.",
  misdirected: "The request named a host name this installation does not serve.",
  unauthenticated: "No API key, or one that is unknown, revoked or expired.",
  "signed-out": "A page's session ended (the API never answers this: it uses API keys).",
  "missing-scope":
    'The API key is valid but was not given the scope this call needs; the problem\'s scope member names it ("every" for webhooks, which need every scope).',
  "not-found": "No such record, or not one the key's owner may see: the two are never told apart.",
  "not-owner": "The key's owner may use the record but only its owner may do this.",
  "admin-only": "Only the admin may do this.",
  stale: "If-Match names an older version: read the record again and decide.",
  "in-use": "Sources or destinations use it; usedBy lists them.",
  "account-changed":
    "The new token belongs to another ClickUp account (accountChange); send again with confirmAccountChange.",
  "reconnect-instead": "An OAuth credential gets a new token by Reconnect in the app, not by a pasted one.",
  conflict: "It is so already, or it was done meanwhile.",
  refused:
    "Understood and allowed, but not possible for this record (e.g. an Idempotency-Key reused with other details).",
  "credential-unusable":
    "The credential cannot be used as stored (deleted, rejected by ClickUp, or undecryptable): replace its token, or use another.",
  "not-configured": "A feature this installation has not set up (OAuth without its settings).",
  "rate-limited": "Too many attempts, here or at ClickUp; retryAt and Retry-After say when to try again.",
  "server-busy": "The server has no room for this now; try again in a moment.",
  "clickup-rejected": "ClickUp did not accept the token.",
  "clickup-unavailable":
    "ClickUp could not be reached, did not answer in time, or answered with something other than its API.",
  "database-busy": "The database is busy; nothing was changed. Try again after Retry-After.",
  "database-out-of-space": "The database is out of space; nothing was changed. Tell whoever runs this installation.",
  "database-unreachable": "The database cannot be reached; nothing was changed. Try again after Retry-After.",
  bug: "A bug on our side; nothing was changed and the details went to the server log.",
};
