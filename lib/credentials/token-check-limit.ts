import "server-only";

import type { ActionFailure } from "@/lib/action-result.browser-safe";
import type { Caller } from "@/lib/auth/person";
import { getEnv } from "@/lib/config/env";
import { consumeRateLimit } from "@/lib/security/rate-limit";

/**
 * Every request that would send a token to a connector (save, verify, replace) counts against
 * the client's allowance, so the app cannot be used to test guessed or stolen tokens at speed.
 * Returns a failure to hand back, or undefined when the check may go ahead.
 */
export async function limitTokenChecks(caller: Caller): Promise<ActionFailure | undefined> {
  const limit = getEnv().TOKEN_CHECKS_PER_MINUTE;
  const decision = await consumeRateLimit(`token-check:${caller.clientKey}`, limit, 60_000);
  if (decision.allowed) return undefined;
  return {
    ok: false,
    retryAt: decision.retryAt.toISOString(),
    message: `Too many token checks from your connection (at most ${limit} a minute). Nothing was sent to ClickUp; try again in ${decision.retryAfterSeconds} seconds.`,
  };
}
