/** A minute: ClickUp's rate limit, and so our budget, counts calls per minute. */
export const BUDGET_WINDOW_MS = 60_000;

/** What ClickUp's answer says of the token's minute: calls left, and when its count starts again. */
export interface ClickUpRateLimitSeen {
  remaining: number;
  resetAt: Date;
}

/**
 * Reads ClickUp's `X-RateLimit-Remaining` and `X-RateLimit-Reset` (a Unix time in seconds). A 429
 * means none remain. Undefined when the answer says nothing usable. The reset is kept within a
 * minute from now: ClickUp's window is a minute long, and a wrong header must not hold the budget
 * shut for longer.
 */
export function readRateLimitHeaders(
  answer: { status: number; headers: Headers },
  now: Date,
): ClickUpRateLimitSeen | undefined {
  const remainingHeader = answer.headers.get("x-ratelimit-remaining");
  const resetHeader = answer.headers.get("x-ratelimit-reset");
  const remaining = answer.status === 429 ? 0 : wholeNumber(remainingHeader);
  if (remaining === undefined) return undefined;
  const resetSeconds = wholeNumber(resetHeader);
  const latest = now.getTime() + BUDGET_WINDOW_MS;
  const resetMs = resetSeconds === undefined ? latest : Math.min(resetSeconds * 1000, latest);
  if (resetMs <= now.getTime()) return undefined;
  return { remaining, resetAt: new Date(resetMs) };
}

function wholeNumber(text: string | null): number | undefined {
  if (text === null || !/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text.trim());
}
