import type { ActionFailure } from "@/lib/action-result.browser-safe";

import type { ConnectorFailure } from "./types.browser-safe";

/** A connector's failure as a result, keeping the rate limit's reset time. */
export function connectorFailureResult(failure: ConnectorFailure): ActionFailure {
  return {
    ok: false,
    message: failure.message,
    ...(failure.kind === "rate-limited" && failure.retryAt ? { retryAt: failure.retryAt } : {}),
  };
}
