import "server-only";

import type { FailureReason } from "@/lib/failure-reasons.browser-safe";

import { problemResponse } from "./problem";

// The request guards (lib/security/request-guards.ts) refuse in plain text, before any page or
// route runs; under /api/v1 proxy.ts answers each refusal as the API answers everything.

/**
 * Each refusal's reason, by its status (one reason, one status: lib/api/reason-status.ts). A form
 * or server action from another site (the guards' 403) is "malformed" here, a 400: the API takes
 * JSON with an API key, never a form, and its 403 means only a missing API key scope.
 */
const REFUSAL_REASONS: Record<number, FailureReason> = {
  400: "malformed",
  403: "malformed",
  413: "too-large",
  421: "misdirected",
};

/** A guard's plain-text refusal as problem+json: its sentence as `detail`, its security headers kept. */
export async function apiRefusal(refused: Response): Promise<Response> {
  const problem = problemResponse(REFUSAL_REASONS[refused.status] ?? "malformed", await refused.text());
  for (const [key, value] of refused.headers) if (key !== "content-type") problem.headers.set(key, value);
  return problem;
}
