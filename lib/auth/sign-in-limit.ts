import "server-only";

import { consumeRateLimit } from "@/lib/security/rate-limit";

const WINDOW_MS = 15 * 60_000;
/** Per email address from one client: the tight limit on guessing one person's password. */
export const SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_CLIENT = 10;
/**
 * Per email address from anywhere: slows guessing spread over many addresses. Looser, so that
 * locking someone out takes many addresses, not ten requests.
 */
export const SIGN_IN_ATTEMPTS_PER_ACCOUNT = 50;
/** Per client address: slows one client trying many accounts. */
export const SIGN_IN_ATTEMPTS_PER_CLIENT = 30;

/**
 * Counts a sign-in attempt against both allowances (in the database, so the limits hold across
 * instances). Returns the message to show when either is used up.
 */
export async function limitSignInAttempts(email: string, clientKey: string): Promise<string | undefined> {
  const decisions = [
    await consumeRateLimit(`sign-in:client:${clientKey}`, SIGN_IN_ATTEMPTS_PER_CLIENT, WINDOW_MS),
    await consumeRateLimit(
      `sign-in:account-client:${email}:${clientKey}`,
      SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_CLIENT,
      WINDOW_MS,
    ),
    await consumeRateLimit(`sign-in:account:${email}`, SIGN_IN_ATTEMPTS_PER_ACCOUNT, WINDOW_MS),
  ];
  const refused = decisions.find((decision) => !decision.allowed);
  if (!refused || refused.allowed) return undefined;
  const minutes = Math.max(1, Math.ceil(refused.retryAfterSeconds / 60));
  return `Too many sign-in attempts. For your security, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
