import "server-only";
import type { ConnectorFailure } from "@/lib/connectors/types";
import { getDb } from "@/lib/db/client";
import { recordCredentialEvent, type CredentialEventType } from "./activity";

export type CheckOutcome =
  | { ok: true; detail: string }
  | { ok: false; failure: ConnectorFailure }
  | { ok: false; unreadable: true };

/**
 * Records what a check of a credential found (Verify now, or a use such as listing Workspaces):
 * its status and an Activity entry. Only conclusive answers change the status — a token ClickUp
 * rejects needs attention, one that no longer decrypts needs re-entry — while ClickUp being slow,
 * down or rate-limiting says nothing about the credential and is only logged in its Activity.
 */
export async function recordCheckOutcome(
  credential: { id: string; name: string },
  outcome: CheckOutcome,
  okEvent: CredentialEventType = "verified",
): Promise<void> {
  const now = new Date();
  const db = getDb();
  if (outcome.ok) {
    await db.credential.updateMany({
      where: { id: credential.id },
      data: { lastCheckStatus: "ok", lastCheckMessage: "", lastCheckedAt: now, lastVerifiedAt: now },
    });
    await recordCredentialEvent({ credentialId: credential.id, credentialName: credential.name, type: okEvent, detail: outcome.detail });
    return;
  }
  const unreadable = "unreadable" in outcome;
  const reason = unreadable ? "The stored token can no longer be decrypted." : outcome.failure.message;
  if (unreadable || outcome.failure.kind === "rejected") {
    await db.credential.updateMany({
      where: { id: credential.id },
      data: { lastCheckStatus: unreadable ? "unreadable" : "failed", lastCheckMessage: reason, lastCheckedAt: now },
    });
  }
  await recordCredentialEvent({ credentialId: credential.id, credentialName: credential.name, type: "verify_failed", detail: reason });
}
