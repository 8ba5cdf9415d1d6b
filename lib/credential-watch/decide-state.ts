import type { ConnectorAccount, ConnectorFailure } from "@/lib/connectors/types.browser-safe";
import { describeAccount } from "@/lib/credentials/messages";

import { WATCH_MESSAGES } from "./messages";
import { unknownAfterMs } from "./schedule";
import type { CredentialState } from "./states.browser-safe";

/** What one check found, before it is weighed against the credential's state. */
export type CheckFinding = "ok" | "broken" | "account_changed" | "unreadable" | "inconclusive";

/** What a check brought back (lib/credentials/checks.ts records it). */
export type CheckOutcome =
  /** `account`: whom the connector says the token belongs to, when it was asked (absent for a Workspace listing). */
  | { ok: true; detail: string; account?: ConnectorAccount }
  | { ok: false; failure: ConnectorFailure }
  | { ok: false; unreadable: true };

/** The credential as stored, as far as its state goes. */
export interface StoredState {
  state: CredentialState;
  stateReason: string;
  accountId: string;
  accountName: string;
  accountEmail: string;
  inconclusiveSince: Date | null;
  inconclusiveCount: number;
}

export interface StateDecision {
  finding: CheckFinding;
  state: CredentialState;
  reason: string;
  /** Only conclusive findings reset the inconclusive run. */
  inconclusiveSince: Date | null;
  inconclusiveCount: number;
  /** For "account_changed": the account now reported (null: none; undefined: keep what is stored). */
  reportedAccount: ConnectorAccount | null | undefined;
}

/**
 * The state a check leaves a credential in. Only conclusive answers decide: the connector refusing
 * the token (broken), accepting it for another account (account changed) or for its own (ok), the
 * ciphertext not opening (unreadable). The connector down, slow, redirecting or rate limiting says
 * nothing about the token: the state stays, until such answers have lasted two intervals (unknown).
 */
export function decideState(
  stored: StoredState,
  outcome: CheckOutcome,
  { now, intervalMs, connectorName }: { now: Date; intervalMs: number; connectorName: string },
): StateDecision {
  const conclusive = (finding: CheckFinding, state: CredentialState, reason: string, reported?: ConnectorAccount) => ({
    finding,
    state,
    reason,
    inconclusiveSince: null,
    inconclusiveCount: 0,
    reportedAccount: reported ?? null,
  });

  if (!outcome.ok && "unreadable" in outcome) return conclusive("unreadable", "unreadable", WATCH_MESSAGES.unreadable);
  if (!outcome.ok && outcome.failure.kind === "rejected")
    return conclusive("broken", "broken", outcome.failure.message);
  if (outcome.ok) {
    const { account } = outcome;
    if (account && account.id !== stored.accountId)
      return conclusive(
        "account_changed",
        "account_changed",
        WATCH_MESSAGES.accountChanged(
          connectorName,
          describeAccount(account),
          describeAccount({ name: stored.accountName, email: stored.accountEmail }),
        ),
        account,
      );
    // Accepted without asking whose it is (a Workspace listing) settles "broken", never "account changed".
    if (!account && stored.state === "account_changed")
      return { ...conclusive("ok", "account_changed", stored.stateReason), reportedAccount: undefined };
    return conclusive("ok", "ok", "");
  }

  const since = stored.inconclusiveSince ?? now;
  const lastedTooLong = now.getTime() - since.getTime() >= unknownAfterMs(intervalMs);
  return {
    finding: "inconclusive",
    state: lastedTooLong ? "unknown" : stored.state,
    reason: lastedTooLong ? WATCH_MESSAGES.unknown(connectorName, outcome.failure.message) : stored.stateReason,
    inconclusiveSince: since,
    inconclusiveCount: stored.inconclusiveCount + 1,
    reportedAccount: undefined,
  };
}
