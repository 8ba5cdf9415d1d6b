import "server-only";

import type { FailureReason } from "@/lib/failure-reasons.browser-safe";

// The one place a failure's reason becomes an HTTP status: one reason, one status. A message is
// never read here, so rewording one changes no answer. 403 means only a missing API key scope;
// whatever is not the caller's is "not found".

export const REASON_STATUS: Record<FailureReason, number> = {
  malformed: 400,
  invalid: 422,
  "too-large": 413,
  "method-not-allowed": 405,
  misdirected: 421,
  unauthenticated: 401,
  "signed-out": 401,
  "missing-scope": 403,
  "not-found": 404,
  "not-owner": 404,
  "admin-only": 404,
  stale: 412,
  "in-use": 409,
  "account-changed": 409,
  "reconnect-instead": 409,
  conflict: 409,
  refused: 422,
  "credential-unusable": 422,
  "not-configured": 501,
  "rate-limited": 429,
  "server-busy": 503,
  "clickup-rejected": 422,
  "clickup-unavailable": 502,
  "database-busy": 503,
  "database-out-of-space": 507,
  "database-unreachable": 503,
  bug: 500,
};
