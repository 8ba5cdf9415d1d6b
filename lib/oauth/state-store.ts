import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { getDb } from "@/lib/db/client";

/**
 * The OAuth `state` store: a random, single-use value made when a person leaves for the
 * connector's authorise page, bound to them, to their session and to the form they were filling
 * in, and good for OAUTH_STATE_LIFETIME_MS. Only its SHA-256 is stored: the value itself travels
 * in the person's browser and the connector's redirect, and the database alone cannot finish a
 * flow.
 */

export const OAUTH_STATE_LIFETIME_MS = 10 * 60 * 1000;

/** Who may finish the flow: the person who started it, in the same session. */
export interface OAuthBinding {
  personId: string;
  sessionId: string;
}

/** The Add New Credential form as the person left it, restored when they come back. */
export interface PendingOAuthForm {
  connector: string;
  kind: "source" | "destination";
  /** Where the Authenticate screen was (a path on this site, already checked by the caller). */
  returnPath: string;
  name: string;
  description: string;
  /** For Reconnect: the credential whose token the flow replaces (absent: a new credential). */
  credentialId?: string;
}

export type ConsumedOAuthState =
  | { ok: true; form: PendingOAuthForm }
  /** Never made here, or already used (each state finishes at most one flow). */
  | { ok: false; reason: "unknown" }
  | { ok: false; reason: "expired"; form: PendingOAuthForm }
  /** Made for another person or another session of theirs: the state has leaked. */
  | { ok: false; reason: "foreign" };

function stateId(state: string): string {
  return createHash("sha256").update(state, "utf8").digest("hex");
}

/** Stores a new state for this person, session and form; returns the value to send to the connector. */
export async function createOAuthState(
  binding: OAuthBinding,
  form: PendingOAuthForm,
  now: Date = new Date(),
): Promise<string> {
  const state = randomBytes(32).toString("base64url");
  const db = getDb();
  // Abandoned flows leave rows behind: clear the expired ones as new ones are made.
  await db.oAuthState.deleteMany({ where: { expiresAt: { lt: now } } });
  await db.oAuthState.create({
    data: {
      id: stateId(state),
      userId: binding.personId,
      sessionId: binding.sessionId,
      connector: form.connector,
      kind: form.kind,
      returnPath: form.returnPath,
      name: form.name,
      description: form.description,
      credentialId: form.credentialId ?? null,
      expiresAt: new Date(now.getTime() + OAUTH_STATE_LIFETIME_MS),
    },
  });
  return state;
}

/**
 * Uses up a state, whoever presents it: the row is deleted before anything else is decided, so of
 * two callbacks racing with one state at most one gets `ok`, and a state seen by someone else
 * (foreign) or too late (expired) can never be used afterwards either.
 */
export async function consumeOAuthState(
  binding: OAuthBinding,
  state: string,
  now: Date = new Date(),
): Promise<ConsumedOAuthState> {
  if (typeof state !== "string" || state.length < 16 || state.length > 200) return { ok: false, reason: "unknown" };
  const db = getDb();
  const id = stateId(state);
  const row = await db.oAuthState.findUnique({ where: { id } });
  if (!row) return { ok: false, reason: "unknown" };
  const { count } = await db.oAuthState.deleteMany({ where: { id } });
  if (count === 0) return { ok: false, reason: "unknown" }; // another callback used it meanwhile
  if (row.userId !== binding.personId || row.sessionId !== binding.sessionId) return { ok: false, reason: "foreign" };
  const form: PendingOAuthForm = {
    connector: row.connector,
    kind: row.kind === "destination" ? "destination" : "source",
    returnPath: row.returnPath,
    name: row.name,
    description: row.description,
    ...(row.credentialId ? { credentialId: row.credentialId } : {}),
  };
  if (row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: "expired", form };
  return { ok: true, form };
}
