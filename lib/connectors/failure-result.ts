import { fail, rateLimited, type Failure } from "@/lib/failure-reasons.browser-safe";

import type { ConnectorFailure } from "./types.browser-safe";

/** A connector's failure as a result: rejected, rate limited (with its reset time), or unavailable. */
export function connectorFailureResult(failure: ConnectorFailure): Failure {
  switch (failure.kind) {
    case "rejected":
      return fail("clickup-rejected", failure.message);
    case "rate-limited":
      return rateLimited(failure.message, failure.retryAt);
    case "unavailable":
    case "unreachable":
    case "timed-out":
    case "redirected":
      return fail("clickup-unavailable", failure.message);
  }
}
