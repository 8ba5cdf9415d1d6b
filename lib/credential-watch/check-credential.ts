import "server-only";

import { callWithinBudget } from "@/lib/clickup-budget/call-within-budget";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { recordCheckOutcome, type CheckTrigger } from "@/lib/credentials/checks";
import { describeAccount } from "@/lib/credentials/messages";
import { readCredentialSecretForCheck } from "@/lib/credentials/secret";

import type { CheckFinding } from "./decide-state";
import { inRecordingTurn } from "./recording-turns";
import type { CredentialState } from "./states.browser-safe";

export type CredentialCheckResult =
  | { ok: true; credentialId: string; state: CredentialState; changed: boolean; finding: CheckFinding }
  | { ok: false; credentialId: string; reason: "not-found" | "stale" };

/**
 * One check of a credential by the app itself (the schedule, `npm run credentials:check`, or a
 * refusal through the ClickUp proxy): asks
 * the connector whose the token is (`/user`: is it accepted, still the same account?) and, when it
 * is accepted, which Workspaces it reaches (`/team`) — two calls — and records what they said.
 */
export async function checkCredential(
  credentialId: string,
  trigger: Extract<CheckTrigger, "schedule" | "command" | "proxy">,
): Promise<CredentialCheckResult> {
  const startedAt = new Date();
  const secret = await readCredentialSecretForCheck(credentialId);
  if (!secret.ok && secret.reason === "not-found") return { ok: false, credentialId, reason: "not-found" };
  const connector = secret.connector ? findConnectorServer(secret.connector) : undefined;
  if (!connector) return { ok: false, credentialId, reason: "not-found" };
  const checked = { id: credentialId, name: secret.name, version: secret.version };
  const record = async (...args: Parameters<typeof recordCheckOutcome>) => {
    const recorded = await inRecordingTurn(() => recordCheckOutcome(...args));
    return recorded
      ? { ok: true as const, credentialId, ...recorded }
      : { ok: false as const, credentialId, reason: "stale" as const };
  };
  if (!secret.ok) return record(checked, { ok: false, unreadable: true }, { trigger, startedAt });

  // Both calls spend from the token's rate budget, without waiting for room: a check it refuses is
  // inconclusive and comes again after the budget's retry time, never a reason to call it broken.
  const budget = {
    token: secret.token,
    limitPerMinute: secret.callsPerMinute,
    use: { credentialId, purpose: "check" as const },
    maxWaitMs: 0,
  };
  const verifiedCall = await callWithinBudget(budget, (options) =>
    connector.verifyToken(secret.token, secret.authMethod, options),
  );
  const verified = verifiedCall.refused ? { ok: false as const, failure: verifiedCall.failure } : verifiedCall.result;
  if (!verified.ok) return record(checked, verified, { trigger, startedAt });
  // Whom the token belongs to is settled by /user; /team only says which Workspaces it reaches. A
  // refusal there is a refusal of the token; an answer that does not come leaves Workspaces as they were.
  const listedCall = await callWithinBudget(budget, (options) =>
    connector.listWorkspaces(secret.token, secret.authMethod, options),
  );
  const listed = listedCall.refused ? { ok: false as const, failure: listedCall.failure } : listedCall.result;
  if (!listed.ok && listed.failure.kind === "rejected") return record(checked, listed, { trigger, startedAt });
  const { displayName, workspaceLabel } = connector.definition;
  const detail = listed.ok
    ? `${displayName} accepted the token (${describeAccount(verified.account)}); it reaches ${listed.workspaces.length} ${workspaceLabel}(s).`
    : `${displayName} accepted the token (${describeAccount(verified.account)}); its ${workspaceLabel}s could not be listed: ${listed.failure.message}`;
  return record(
    checked,
    { ok: true, detail, account: verified.account },
    { trigger, startedAt, ...(listed.ok ? { workspaces: listed.workspaces } : {}) },
  );
}
