import "server-only";

// STUB (proxy branch): the agreed interface of the budget branch's file; dropped at the merge.
// In memory and without waiting: enough to run the ClickUp proxy against, nothing more.

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

const calls = new Map<string, number[]>();

export async function reserveClickUpCall(input: {
  token: string;
  limitPerMinute: number;
  use: BudgetUse;
  maxWaitMs?: number;
  signal?: AbortSignal;
}): Promise<Reservation> {
  const now = Date.now();
  const recent = (calls.get(input.token) ?? []).filter((at) => at > now - 60_000);
  if (recent.length >= input.limitPerMinute)
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + 60_000 - now) / 1000)) };
  recent.push(now);
  calls.set(input.token, recent);
  return { ok: true, waitedMs: 0, settle: async () => {} };
}
