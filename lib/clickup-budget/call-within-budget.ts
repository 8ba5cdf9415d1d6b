import "server-only";

import type { ConnectorCallOptions, ConnectorFailure } from "@/lib/connectors/types.browser-safe";

import { BUDGET_MESSAGES } from "./messages";
import { reserveClickUpCall, type BudgetUse } from "./reserve-call";

export type BudgetedCall<T> =
  | { refused: false; result: T }
  /** The budget had no room within the wait: nothing was sent. */
  | { refused: true; failure: Extract<ConnectorFailure, { kind: "rate-limited" }> };

/**
 * One of the app's own calls to the connector with a stored token (Verify now, Workspace listing,
 * a scheduled check), spent from the token's rate budget like a call through the ClickUp proxy:
 * reserved first, then settled with the connector's answer so its rate-limit headers count.
 */
export async function callWithinBudget<T>(
  budget: { token: string; limitPerMinute: number; use: BudgetUse; maxWaitMs?: number },
  call: (options: ConnectorCallOptions) => Promise<T>,
): Promise<BudgetedCall<T>> {
  const reservation = await reserveClickUpCall(budget);
  if (!reservation.ok) {
    const { retryAfterSeconds } = reservation;
    return {
      refused: true,
      failure: {
        kind: "rate-limited",
        message: BUDGET_MESSAGES.full(retryAfterSeconds),
        retryAt: new Date(Date.now() + retryAfterSeconds * 1000).toISOString(),
      },
    };
  }
  let answer: { status: number; headers: Headers } | null = null;
  try {
    return { refused: false, result: await call({ onAnswer: (seen) => (answer = seen) }) };
  } finally {
    await reservation.settle(answer);
  }
}
