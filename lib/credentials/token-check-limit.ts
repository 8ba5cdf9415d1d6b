import "server-only";

import type { Caller } from "@/lib/auth/person";
import { getEnv } from "@/lib/config/env";
import { rateLimited } from "@/lib/failure-reasons.browser-safe";
import { consumeRateLimit } from "@/lib/security/rate-limit";

import { tooManyTokenChecksMessage } from "./messages";

const MINUTE_MS = 60_000;

/**
 * Every request that would send a token to a connector (save, verify, replace) counts against
 * the client's allowance and then the person's, so the app cannot be used to test guessed or stolen
 * tokens at speed: not from one address, and not by one person from many addresses (whether they
 * have many, or a misconfigured proxy count lets them name their own). A check the client's
 * allowance refuses is not counted against the person's. Returns a failure to hand back, or
 * undefined when the check may go ahead.
 */
export async function limitTokenChecks(caller: Caller): Promise<ReturnType<typeof rateLimited> | undefined> {
  const env = getEnv();
  const limits = [
    { by: "client", key: `token-check:${caller.clientKey}`, limit: env.TOKEN_CHECKS_PER_MINUTE },
    { by: "person", key: `token-check:person:${caller.person.id}`, limit: env.TOKEN_CHECKS_PER_PERSON_PER_MINUTE },
  ] as const;
  for (const { by, key, limit } of limits) {
    const decision = await consumeRateLimit(key, limit, MINUTE_MS);
    if (!decision.allowed)
      return rateLimited(
        tooManyTokenChecksMessage(by, limit, decision.retryAfterSeconds),
        decision.retryAt.toISOString(),
      );
  }
  return undefined;
}
