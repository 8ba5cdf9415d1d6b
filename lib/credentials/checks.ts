import "server-only";

import { randomUUID } from "node:crypto";

import { getEnv } from "@/lib/config/env";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import type { ConnectorWorkspace } from "@/lib/connectors/types.browser-safe";
import {
  decideState,
  type CheckFinding,
  type CheckOutcome,
  type StateDecision,
} from "@/lib/credential-watch/decide-state";
import { WATCH_MESSAGES } from "@/lib/credential-watch/messages";
import { recordStateChange, recordWorkspaceAccess } from "@/lib/credential-watch/record-state-change";
import { nextCheckAfter, nextCheckAfterInconclusive } from "@/lib/credential-watch/schedule";
import { toCredentialState, type CredentialState } from "@/lib/credential-watch/states.browser-safe";
import { inTransaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import { recordCredentialEvent, type CredentialEventType } from "./activity";

export type { CheckOutcome } from "@/lib/credential-watch/decide-state";

/**
 * What made a check: the schedule, a person's Verify now, a use (listing Workspaces), `npm run
 * credentials:check`, or ClickUp refusing the token through the ClickUp proxy (lib/clickup-proxy/).
 */
export type CheckTrigger = "schedule" | "verify" | "use" | "command" | "proxy";

/** The credential as it was when its token was read for the check. */
export interface CheckedCredential {
  id: string;
  name: string;
  version: number;
}

export interface RecordCheckOptions {
  trigger: CheckTrigger;
  /** A person's check writes this Activity entry when it went through (collapsed when repeated). */
  okEvent?: CredentialEventType;
  /** Who asked for the check, for the Activity entry ("" for the schedule). */
  actorName?: string;
  /** The Workspaces the connector listed for the token, when it was asked: endpoints on others lost access. */
  workspaces?: ConnectorWorkspace[];
  /** When the check started, for its duration. */
  startedAt?: Date;
}

/** How many checks per credential `GET /api/v1/credentials/{id}/checks` can show. */
export const CHECKS_KEPT = 50;

/**
 * Records what a check of a credential found — scheduled, Verify now, or a use such as listing
 * Workspaces — and what it changes: the credential's state (lib/credential-watch/decide-state.ts),
 * its next scheduled check, the list of recent checks, its Activity and, for a change people must
 * hear of, an alert written in the same transaction (so a process killed afterwards loses nothing).
 * A change of state is one Activity entry; checks that change nothing add none (a person's own
 * check still shows as theirs, collapsed when repeated).
 *
 * Everything is conditional on the version read before the check: if the token was replaced or
 * the credential deleted while the connector was answering, the late answer is about a token that
 * is gone and is dropped rather than recorded against the new one.
 */
export async function recordCheckOutcome(
  credential: CheckedCredential,
  outcome: CheckOutcome,
  options: RecordCheckOptions,
): Promise<{ state: CredentialState; changed: boolean; finding: CheckFinding } | undefined> {
  const now = new Date();
  const intervalMs = getEnv().CREDENTIAL_CHECK_INTERVAL_SECONDS * 1000;
  return inTransaction(async (tx) => {
    const stored = await tx.credential.findFirst({
      where: { id: credential.id, version: credential.version },
      select: {
        connector: true,
        state: true,
        stateReason: true,
        accountId: true,
        accountName: true,
        accountEmail: true,
        inconclusiveSince: true,
        inconclusiveCount: true,
      },
    });
    if (!stored) return undefined;
    const connectorName = findConnectorServer(stored.connector)?.definition.displayName ?? stored.connector;
    const before = toCredentialState(stored.state);
    const decision = decideState({ ...stored, state: before }, outcome, { now, intervalMs, connectorName });
    const changed = decision.state !== before;
    const conclusive = decision.finding !== "inconclusive";
    const retryAt =
      !outcome.ok && "failure" in outcome && "retryAt" in outcome.failure ? outcome.failure.retryAt : undefined;
    const schedule = { intervalMs };
    await tx.credential.updateMany({
      where: { id: credential.id, version: credential.version },
      data: {
        state: decision.state,
        stateReason: decision.reason,
        ...(changed ? { stateChangedAt: now } : {}),
        lastCheckedAt: now,
        nextCheckAt: conclusive
          ? nextCheckAfter(now, schedule)
          : nextCheckAfterInconclusive(
              now,
              decision.inconclusiveCount,
              schedule,
              retryAt ? new Date(retryAt) : undefined,
            ),
        inconclusiveSince: decision.inconclusiveSince,
        inconclusiveCount: decision.inconclusiveCount,
        ...(decision.reportedAccount !== undefined
          ? {
              reportedAccountId: decision.reportedAccount?.id ?? null,
              reportedAccountName: decision.reportedAccount?.name ?? null,
              reportedAccountEmail: decision.reportedAccount?.email ?? null,
            }
          : {}),
        ...(decision.finding === "ok" ? { lastVerifiedAt: now } : {}),
        // Names and emails change in the connector; keep what the UI shows current.
        ...(outcome.ok && outcome.account && decision.state === "ok"
          ? { accountName: outcome.account.name, accountEmail: outcome.account.email }
          : {}),
      },
    });
    await recordCheck(tx, credential.id, options, decision, outcome, now);
    // One Activity entry per change of state, naming whoever's check found it; a person's check
    // that changes nothing still shows as theirs (collapsed when repeated); the schedule's, not.
    if (!changed && options.trigger !== "schedule" && options.trigger !== "command" && options.trigger !== "proxy")
      await recordPersonsCheck(tx, credential, outcome, options, now);
    if (changed)
      await recordStateChange(tx, credential, {
        before,
        decision,
        connectorName,
        actorName: options.actorName ?? "",
        now,
      });
    if (decision.finding === "ok" && options.workspaces)
      await recordWorkspaceAccess(tx, credential, options.workspaces, { ...decision, now });
    return { state: decision.state, changed, finding: decision.finding };
  });
}

async function recordCheck(
  tx: Prisma.TransactionClient,
  credentialId: string,
  options: RecordCheckOptions,
  decision: StateDecision,
  outcome: CheckOutcome,
  now: Date,
) {
  const detail = outcome.ok ? outcome.detail : "failure" in outcome ? outcome.failure.message : decision.reason;
  const durationMs = options.startedAt ? Math.max(0, now.getTime() - options.startedAt.getTime()) : 0;
  await tx.$executeRaw`
    INSERT INTO "CredentialCheck" ("id", "credentialId", "trigger", "outcome", "detail", "durationMs", "checkedAt")
    VALUES (${randomUUID()}, ${credentialId}, ${options.trigger}, ${decision.finding}, ${detail}, ${durationMs}, ${now})`;
  // Only the latest few are kept: the Activity is the history, this is the recent detail.
  await tx.$executeRaw`
    DELETE FROM "CredentialCheck" WHERE "credentialId" = ${credentialId} AND "id" NOT IN (
      SELECT "id" FROM "CredentialCheck" WHERE "credentialId" = ${credentialId}
      ORDER BY "checkedAt" DESC LIMIT ${CHECKS_KEPT})`;
}

/** A person's Verify now or use shows in the Activity as theirs, whatever it found. */
async function recordPersonsCheck(
  tx: Prisma.TransactionClient,
  credential: CheckedCredential,
  outcome: CheckOutcome,
  options: RecordCheckOptions,
  now: Date,
) {
  const unreadable = !outcome.ok && "unreadable" in outcome;
  const event = {
    credentialId: credential.id,
    credentialName: credential.name,
    type: outcome.ok ? (options.okEvent ?? "verified") : "verify_failed",
    actorName: options.actorName ?? "",
    detail: outcome.ok ? outcome.detail : unreadable ? WATCH_MESSAGES.changed.unreadable() : outcome.failure.message,
  } as const;
  if (COLLAPSED_EVENTS.has(event.type) && (await countRepeat(tx, event, now))) return;
  await recordCredentialEvent(event, tx);
}

/**
 * Checks that can be repeated at will (Verify now, and listing Workspaces on every visit) would
 * flood the Activity — one person pressing Verify now 30 times a minute wrote 30 rows. One that
 * says exactly what the latest entry said, for the same person, within an hour of that entry's
 * start, counts on that entry (`times`, `lastAt`) instead of adding a row. An entry spans at most
 * an hour, so the Activity still shows roughly when checks happened; a different outcome or
 * person starts a new entry.
 */
const COLLAPSED_EVENTS: ReadonlySet<CredentialEventType> = new Set(["verified", "verify_failed", "workspaces_listed"]);
const COLLAPSE_WITHIN_MS = 60 * 60_000;

/** Counts `event` on the latest entry when it repeats it; false when a new entry is needed. */
async function countRepeat(
  tx: Prisma.TransactionClient,
  event: { credentialId: string; type: CredentialEventType; actorName: string; detail: string },
  now: Date,
): Promise<boolean> {
  const latest = await tx.credentialEvent.findFirst({
    where: { credentialId: event.credentialId },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: { id: true, type: true, actorName: true, detail: true, createdAt: true },
  });
  const repeats =
    latest !== null &&
    latest.type === event.type &&
    latest.actorName === event.actorName &&
    latest.detail === event.detail &&
    now.getTime() - latest.createdAt.getTime() < COLLAPSE_WITHIN_MS;
  if (!repeats) return false;
  // One statement, so two checks finishing together both count.
  await tx.$executeRaw`
    UPDATE "CredentialEvent" SET "times" = "times" + 1, "lastAt" = ${now} WHERE "id" = ${latest.id}`;
  return true;
}
