import "server-only";

import { setTimeout as sleep } from "node:timers/promises";

import { getEnv } from "@/lib/config/env";

import { budgetKeyFor } from "./budget-key";
import { readRateLimitHeaders } from "./rate-limit-headers";
import { logCallIfRoom, logExternalCalls, logRefusal, pruneOldCalls } from "./reservation-log";

/** Who spends a call of a token's budget, and for what: the log keeps it for the credential page. */
export type BudgetUse = {
  credentialId: string;
  endpointId?: string | null;
  apiKeyId?: string | null;
  personId?: string | null;
  purpose: "proxy" | "check" | "verify" | "listing";
};

export type Reservation =
  | { ok: true; waitedMs: number; settle(answer: { status: number; headers: Headers } | null): Promise<void> }
  | { ok: false; retryAfterSeconds: number };

/**
 * Reserves one call to ClickUp in the rate budget of `token` (docs/glossary.md "rate budget"):
 * at most `limitPerMinute` calls in any 60-second window, counted in the database across every
 * worker, instance and credential holding the token. When the budget is full, waits (sleeping)
 * until its oldest call leaves the window, for at most `maxWaitMs` (CLICKUP_PROXY_MAX_WAIT_MS);
 * a caller whose room would come later is refused at once, told when to retry. Call `settle` with
 * ClickUp's answer (null when none came): its rate-limit headers correct the budget for calls
 * made with the token outside this app. The token only derives the budget's key; it is not kept.
 */
export async function reserveClickUpCall(input: {
  token: string;
  limitPerMinute: number;
  use: BudgetUse;
  maxWaitMs?: number;
  signal?: AbortSignal;
}): Promise<Reservation> {
  const { token, use, signal } = input;
  const limit = Math.max(1, Math.floor(input.limitPerMinute));
  const maxWaitMs = input.maxWaitMs ?? getEnv().CLICKUP_PROXY_MAX_WAIT_MS;
  const budgetKey = budgetKeyFor(token);
  // Waiting is measured on the monotonic clock: the wall clock may jump (or be frozen in tests).
  const started = performance.now();
  for (;;) {
    const now = new Date();
    const waitedMs = Math.round(performance.now() - started);
    const roomAt = await logCallIfRoom(budgetKey, limit, use, now, waitedMs);
    if (!roomAt) {
      await pruneOldCalls(now);
      return { ok: true, waitedMs, settle: (answer) => settleCall(budgetKey, limit, use, answer) };
    }
    // A little spread, so callers woken by the same call leaving do not all ask at the same instant.
    const untilRoomMs = Math.max(0, roomAt.getTime() - now.getTime()) + Math.random() * 20;
    if (waitedMs + untilRoomMs > maxWaitMs || signal?.aborted) {
      if (!signal?.aborted) await logRefusal(budgetKey, use, now, waitedMs);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(untilRoomMs / 1000)) };
    }
    await sleep(untilRoomMs, undefined, { signal }).catch(() => undefined);
  }
}

async function settleCall(
  budgetKey: string,
  limit: number,
  use: BudgetUse,
  answer: { status: number; headers: Headers } | null,
): Promise<void> {
  // No answer: the call stays counted (ClickUp may have counted it too).
  if (!answer) return;
  const now = new Date();
  const seen = readRateLimitHeaders(answer, now);
  if (!seen || seen.remaining >= limit) return;
  await logExternalCalls(budgetKey, limit, seen.remaining, seen.resetAt, use, now);
}
