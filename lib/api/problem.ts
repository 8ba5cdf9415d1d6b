import "server-only";

import { STATUS_CODES } from "node:http";

import type { FailureReason } from "@/lib/failure-reasons.browser-safe";

import { REASON_STATUS } from "./reason-status";

// Every answer of /api/v1: JSON, or an RFC 9457 problem (application/problem+json) whose `code` is
// the failure's reason (lib/failure-reasons.browser-safe.ts) and whose status follows from it. The
// `detail` is the same sentence the pages show for the same failure; it never holds a token or a key.

export interface ProblemFields {
  /** Field name → message, for validation failures (the form's field errors). */
  errors?: Record<string, string>;
  /** Anything else a client can act on (e.g. `usedBy`, `accountChange`). */
  [extension: string]: unknown;
}

const NO_STORE = { "cache-control": "no-store" };

/** Where a reason is explained: the problem's `type` (RFC 9457), one URI per reason. */
export const reasonType = (reason: FailureReason) => `/api/docs#problem-${reason}`;

export function problemResponse(
  reason: FailureReason,
  detail: string,
  fields: ProblemFields = {},
  headers: Record<string, string> = {},
): Response {
  const status = REASON_STATUS[reason];
  const body = {
    type: reasonType(reason),
    title: STATUS_CODES[status] ?? "Error",
    status,
    code: reason,
    detail,
    ...fields,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...NO_STORE, ...headers },
  });
}

export function jsonResponse(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(data), {
    status,
    headers: { ...(status === 204 ? {} : { "content-type": "application/json" }), ...NO_STORE, ...headers },
  });
}
