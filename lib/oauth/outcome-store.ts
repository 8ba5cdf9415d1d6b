import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { getDb } from "@/lib/db/client";

import { oauthFailureMessage, type OAuthFailureReason } from "./messages";
import type { OAuthOutcome } from "./outcome";
import type { OAuthBinding } from "./state-store";

/**
 * The OAuth outcome store (issue #27): how a return from the connector ended, kept for the one
 * page load the callback redirects to. The redirect carries only a random id; the page reads the
 * record once, for the person and session it was made for, on the page it was made for. A link
 * someone crafts (`?oauth=connected`, a credential id, a name to pre-fill) names no record, so it
 * shows nothing. Only the id's SHA-256 is stored, as for the OAuth state.
 */

/** Long enough for a slow redirect; the page is loaded at once, and a later load shows nothing anyway. */
export const OAUTH_OUTCOME_LIFETIME_MS = 10 * 60 * 1000;

/** What the page shows, read back from the record. */
export type ShownOAuthOutcome =
  | { ok: true; credentialId: string; reconnected: boolean }
  | {
      ok: false;
      reason: OAuthFailureReason;
      message: string;
      /** A new credential's form as the person left it (absent for Reconnect). */
      form?: { name: string; description: string };
    };

function outcomeKey(id: string): string {
  return createHash("sha256").update(id, "utf8").digest("hex");
}

/** Stores `outcome` for this person and session; returns the id the redirect carries. */
export async function recordOAuthOutcome(
  binding: OAuthBinding,
  outcome: OAuthOutcome,
  now: Date = new Date(),
): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  const { result, form } = outcome;
  // A new credential's form comes back after a failure; a Reconnect's never does (as before #27).
  const newForm = !result.ok && form && !form.credentialId ? form : undefined;
  const db = getDb();
  // Abandoned records (a closed tab) are cleared as new ones are made.
  await db.oAuthOutcome.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.oAuthOutcome.create({
    data: {
      id: outcomeKey(id),
      userId: binding.personId,
      sessionId: binding.sessionId,
      returnPath: outcome.returnPath,
      result: result.ok ? (result.reconnected ? "reconnected" : "connected") : result.reason,
      credentialId: result.ok ? result.credential.id : null,
      name: newForm?.name ?? "",
      description: newForm?.description ?? "",
      expiresAt: new Date(now.getTime() + OAUTH_OUTCOME_LIFETIME_MS),
    },
  });
  return id;
}

/**
 * Uses up the record `id` names, whoever presents it (deleted before anything else is decided, so
 * it shows at most once), and answers it only to the person and session it was made for, on the
 * page (`path`, without query) it was made for, before it expires.
 */
export async function takeOAuthOutcome(
  binding: OAuthBinding,
  id: string | undefined,
  path: string,
  now: Date = new Date(),
): Promise<ShownOAuthOutcome | undefined> {
  if (typeof id !== "string" || id.length < 16 || id.length > 200) return undefined;
  const db = getDb();
  const key = outcomeKey(id);
  const row = await db.oAuthOutcome.findUnique({ where: { id: key } });
  if (!row) return undefined;
  const { count } = await db.oAuthOutcome.deleteMany({ where: { id: key } });
  if (count === 0) return undefined; // another load used it meanwhile
  if (row.userId !== binding.personId || row.sessionId !== binding.sessionId) return undefined;
  if (new URL(row.returnPath, "http://placeholder.invalid").pathname !== path) return undefined;
  if (row.expiresAt.getTime() <= now.getTime()) return undefined;
  if (row.result === "connected" || row.result === "reconnected") {
    if (!row.credentialId) return undefined;
    return { ok: true, credentialId: row.credentialId, reconnected: row.result === "reconnected" };
  }
  // Only the fixed reasons become words (a row from an older version with another one shows nothing).
  const message = oauthFailureMessage(row.result, row.name);
  if (!message) return undefined;
  return {
    ok: false,
    reason: row.result as OAuthFailureReason,
    message,
    ...(row.name ? { form: { name: row.name, description: row.description } } : {}),
  };
}
