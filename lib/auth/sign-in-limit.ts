import "server-only";

import { consumeRateLimit, type RateLimitDecision } from "@/lib/security/rate-limit";

import { AUTH_MESSAGES } from "./messages";

const WINDOW_MS = 15 * 60_000;
/** Per email address from one client: the tight limit on guessing one person's password. */
export const SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_CLIENT = 10;
/**
 * Per email address from anywhere: slows guessing spread over many addresses. It does not lock
 * the person out: from a known browser their attempts are counted per browser instead.
 */
export const SIGN_IN_ATTEMPTS_PER_ACCOUNT = 50;
/** Per client address: slows one client trying many accounts. */
export const SIGN_IN_ATTEMPTS_PER_CLIENT = 30;
/** Per known browser (device cookie): guessing from a stolen laptop stays slow. */
export const SIGN_IN_ATTEMPTS_PER_KNOWN_BROWSER = 10;

/**
 * Counts a sign-in attempt from an unknown browser against the per-client, per-email-and-client
 * and per-email allowances (in the database, so the limits hold across instances). Returns the
 * message to show when one is used up.
 */
export async function limitSignInAttempts(email: string, clientKey: string): Promise<string | undefined> {
  return refusal([
    await consumeClientAllowance(clientKey),
    await consumeRateLimit(
      `sign-in:account-client:${email}:${clientKey}`,
      SIGN_IN_ATTEMPTS_PER_ACCOUNT_AND_CLIENT,
      WINDOW_MS,
    ),
    await consumeRateLimit(`sign-in:account:${email}`, SIGN_IN_ATTEMPTS_PER_ACCOUNT, WINDOW_MS),
  ]);
}

/**
 * Counts an attempt from a browser known for that email (lib/auth/known-browser.ts) against that
 * browser's own allowance only: neither what strangers do to the email nor what others behind
 * the same client address do can refuse it.
 */
export async function limitKnownBrowserAttempts(knownBrowserId: string): Promise<string | undefined> {
  return refusal([
    await consumeRateLimit(`sign-in:known-browser:${knownBrowserId}`, SIGN_IN_ATTEMPTS_PER_KNOWN_BROWSER, WINDOW_MS),
  ]);
}

/**
 * Counts an attempt to create a sign-in (first-run setup, accepting an invitation) against the
 * same per-client allowance as signing in: each of them may hash a password, and the allowance
 * bounds how many hashes one client can ask for.
 */
export async function limitNewSignIns(clientKey: string): Promise<string | undefined> {
  return refusal([await consumeClientAllowance(clientKey)], AUTH_MESSAGES.tooManyNewSignIns);
}

const consumeClientAllowance = (clientKey: string) =>
  consumeRateLimit(`sign-in:client:${clientKey}`, SIGN_IN_ATTEMPTS_PER_CLIENT, WINDOW_MS);

function refusal(
  decisions: RateLimitDecision[],
  message: (minutes: number) => string = AUTH_MESSAGES.tooManyAttempts,
): string | undefined {
  const refused = decisions.find((decision) => !decision.allowed);
  if (!refused || refused.allowed) return undefined;
  return message(Math.max(1, Math.ceil(refused.retryAfterSeconds / 60)));
}
