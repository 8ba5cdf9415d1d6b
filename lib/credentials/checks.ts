import "server-only";

import type { ConnectorAccount, ConnectorFailure } from "@/lib/connectors/types.browser-safe";
import { inTransaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

import { recordCredentialEvent, type CredentialEventType } from "./activity";

export type CheckOutcome =
  | { ok: true; detail: string; account?: ConnectorAccount }
  | { ok: false; failure: ConnectorFailure }
  | { ok: false; unreadable: true };

/** The credential as it was when its token was read for the check. */
export interface CheckedCredential {
  id: string;
  name: string;
  version: number;
}

/**
 * Records what a check of a credential found (Verify now, or a use such as listing Workspaces):
 * its status and an Activity entry. Only conclusive answers change the status — a token ClickUp
 * rejects needs attention, one that no longer decrypts needs re-entry — while ClickUp being slow,
 * down or rate-limiting says nothing about the credential and is only logged in its Activity.
 *
 * Everything is conditional on the version read before the check: if the token was replaced or
 * the credential deleted while ClickUp was answering, the late answer is about a token that is
 * gone and is dropped rather than recorded against the new one.
 */
export async function recordCheckOutcome(
  credential: CheckedCredential,
  outcome: CheckOutcome,
  okEvent: CredentialEventType = "verified",
  /** Who asked for the check, for the Activity entry. */
  actorName = "",
): Promise<void> {
  const now = new Date();
  const where = { id: credential.id, version: credential.version };
  const unreadable = !outcome.ok && "unreadable" in outcome;
  const reason = outcome.ok
    ? ""
    : unreadable
      ? "The stored token can no longer be decrypted."
      : outcome.failure.message;
  const conclusive = outcome.ok || unreadable || outcome.failure.kind === "rejected";

  await inTransaction(async (tx) => {
    const current = conclusive
      ? await tx.credential.updateMany({
          where,
          data: outcome.ok
            ? {
                lastCheckStatus: "ok",
                lastCheckMessage: "",
                lastCheckedAt: now,
                lastVerifiedAt: now,
                // Names and emails change in ClickUp; keep what the UI shows current.
                ...(outcome.account ? { accountName: outcome.account.name, accountEmail: outcome.account.email } : {}),
              }
            : { lastCheckStatus: unreadable ? "unreadable" : "failed", lastCheckMessage: reason, lastCheckedAt: now },
        })
      : { count: await tx.credential.count({ where }) };
    if (current.count === 0) return;
    const event = {
      credentialId: credential.id,
      credentialName: credential.name,
      type: outcome.ok ? okEvent : "verify_failed",
      actorName,
      detail: outcome.ok ? outcome.detail : reason,
    } as const;
    if (COLLAPSED_EVENTS.has(event.type) && (await countRepeat(tx, event, now))) return;
    await recordCredentialEvent(event, tx);
  });
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
