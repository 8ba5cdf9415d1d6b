import "server-only";

import { recordAlert } from "@/lib/alerts/record-alert";
import type { AlertType } from "@/lib/alerts/types";
import type { ConnectorWorkspace } from "@/lib/connectors/types.browser-safe";
import { recordCredentialEvent } from "@/lib/credentials/activity";
import { describeAccount } from "@/lib/credentials/messages";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { StateDecision } from "./decide-state";
import { WATCH_MESSAGES } from "./messages";
import { nextCheckAfter } from "./schedule";
import type { CredentialState } from "./states.browser-safe";

interface ChangedCredential {
  id: string;
  name: string;
}

/**
 * The columns of a credential whose token was just accepted for its own account by someone's
 * hand (Replace token, Reconnect): ok, and nothing pending. Pair with `recordStateChange` when it
 * was not ok before.
 */
export function acceptedStateColumns(now: Date, intervalMs: number) {
  return {
    state: "ok",
    stateReason: "",
    inconclusiveSince: null,
    inconclusiveCount: 0,
    reportedAccountId: null,
    reportedAccountName: null,
    reportedAccountEmail: null,
    nextCheckAt: nextCheckAfter(now, { intervalMs }),
  } as const;
}

const ALERT_FOR_STATE: Partial<Record<CredentialState, AlertType>> = {
  broken: "credential.broken",
  account_changed: "credential.account_changed",
};

/**
 * One Activity entry per change of state, and an alert when people must hear of it: the credential
 * broke, changed account, or recovered from what they were last alerted about.
 */
export async function recordStateChange(
  tx: Prisma.TransactionClient,
  credential: ChangedCredential,
  change: {
    before: CredentialState;
    decision: Pick<StateDecision, "state" | "reason" | "reportedAccount">;
    connectorName: string;
    actorName: string;
    now: Date;
  },
) {
  const { decision, connectorName, now } = change;
  const reported = decision.reportedAccount ? describeAccount(decision.reportedAccount) : "another account";
  const said = {
    ok: WATCH_MESSAGES.changed.ok(connectorName),
    broken: WATCH_MESSAGES.changed.broken(connectorName, decision.reason),
    account_changed: WATCH_MESSAGES.changed.account_changed(connectorName, reported),
    unknown: WATCH_MESSAGES.changed.unknown(connectorName),
    unreadable: WATCH_MESSAGES.changed.unreadable(),
  }[decision.state];
  await recordCredentialEvent(
    {
      credentialId: credential.id,
      credentialName: credential.name,
      type: "state_changed",
      actorName: change.actorName,
      detail: said,
    },
    tx,
  );
  const type =
    ALERT_FOR_STATE[decision.state] ??
    (decision.state === "ok" && (await lastAlertWasTrouble(tx, credential.id)) ? "credential.recovered" : undefined);
  if (!type) return;
  const row = await tx.credential.findUniqueOrThrow({
    where: { id: credential.id },
    select: { connector: true, endpoints: { select: ENDPOINT_FACTS, orderBy: { createdAt: "asc" } } },
  });
  await recordAlert(
    tx,
    {
      type,
      credential: {
        id: credential.id,
        name: credential.name,
        connector: row.connector,
        state: decision.state,
        reason: decision.reason,
      },
      endpoints: row.endpoints.map(toAlertEndpoint),
    },
    now,
  );
}

/** A recovery is announced when the latest alert about the credential said it broke or changed account. */
async function lastAlertWasTrouble(tx: Prisma.TransactionClient, credentialId: string): Promise<boolean> {
  const last = await tx.alert.findFirst({
    where: { credentialId, type: { startsWith: "credential." } },
    orderBy: { createdAt: "desc" },
    select: { type: true },
  });
  return last !== null && last.type !== "credential.recovered";
}

const ENDPOINT_FACTS = {
  id: true,
  kind: true,
  name: true,
  workspaceId: true,
  workspaceName: true,
  workspaceAccess: true,
} as const;

function toAlertEndpoint(endpoint: {
  id: string;
  kind: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
}) {
  return {
    id: endpoint.id,
    kind: endpoint.kind === "destination" ? ("destination" as const) : ("source" as const),
    name: endpoint.name,
    workspaceId: endpoint.workspaceId,
    workspaceName: endpoint.workspaceName,
  };
}

/**
 * The connector listed the Workspaces the token reaches: a source or destination on one it no
 * longer reaches has lost access (the credential itself is fine), and one whose Workspace is back
 * has it again. Each change is an Activity entry and an alert.
 */
export async function recordWorkspaceAccess(
  tx: Prisma.TransactionClient,
  credential: ChangedCredential,
  workspaces: ConnectorWorkspace[],
  context: { state: CredentialState; reason: string; now: Date },
) {
  const reachable = new Set(workspaces.map((workspace) => workspace.id));
  const endpoints = await tx.endpoint.findMany({
    where: { credentialId: credential.id },
    select: { ...ENDPOINT_FACTS, connector: true },
  });
  for (const endpoint of endpoints) {
    const access = reachable.has(endpoint.workspaceId) ? "ok" : "lost";
    if (access === endpoint.workspaceAccess) continue;
    const changed = await tx.endpoint.updateMany({
      where: { id: endpoint.id, workspaceAccess: endpoint.workspaceAccess },
      data: { workspaceAccess: access, workspaceAccessChangedAt: context.now },
    });
    if (changed.count === 0) continue; // another check recorded the same change
    await recordCredentialEvent(
      {
        credentialId: credential.id,
        credentialName: credential.name,
        type: "state_changed",
        detail:
          access === "lost"
            ? `${endpoint.name}: ${WATCH_MESSAGES.workspaceLost(endpoint.workspaceName)}`
            : `${endpoint.name}: ${WATCH_MESSAGES.workspaceRestored(endpoint.workspaceName)}`,
      },
      tx,
    );
    await recordAlert(
      tx,
      {
        type: access === "lost" ? "endpoint.workspace_lost" : "endpoint.workspace_restored",
        credential: {
          id: credential.id,
          name: credential.name,
          connector: endpoint.connector,
          state: context.state,
          reason: context.reason,
        },
        endpoints: [toAlertEndpoint(endpoint)],
      },
      context.now,
    );
  }
}
