import "server-only";

import type { Failure } from "@/lib/failure-reasons.browser-safe";

import { problemResponse } from "./problem";

/** A failure as its problem+json answer: `code` is the reason, payloads ride along. */
export function failureResponse(failure: Failure): Response {
  const fields: Record<string, unknown> = {};
  const headers: Record<string, string> = {};
  switch (failure.reason) {
    case "invalid":
      if (failure.fieldErrors)
        fields.errors = Object.fromEntries(
          Object.entries(failure.fieldErrors).filter((entry): entry is [string, string] => entry[1] !== undefined),
        );
      break;
    case "in-use":
      fields.usedBy = failure.usedBy;
      break;
    case "account-changed":
      fields.accountChange = failure.accountChange;
      break;
    case "rate-limited":
      if (failure.retryAt) {
        fields.retryAt = failure.retryAt;
        headers["retry-after"] = String(Math.max(1, Math.ceil((Date.parse(failure.retryAt) - Date.now()) / 1000)));
      }
      break;
  }
  return problemResponse(failure.reason, failure.message, fields, headers);
}

/** `{ ok: true, data }` as JSON (with `status`), a failure as its problem. */
export function resultResponse<T>(
  result: { ok: true; data: T } | Failure,
  status = 200,
  headers: (data: T) => Record<string, string> = () => ({}),
): Response {
  if (!result.ok) return failureResponse(result);
  return new Response(JSON.stringify(result.data), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store", ...headers(result.data) },
  });
}
