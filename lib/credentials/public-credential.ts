import { credentialAccess, type CredentialAccess } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import { toAuthMethod, type AuthMethod } from "@/lib/connectors/types.browser-safe";
import { toCredentialState, type CredentialState } from "@/lib/credential-watch/states.browser-safe";
import { toPlainLabel } from "@/lib/text-safety.browser-safe";

import { CALLS_PER_MINUTE } from "./schemas.browser-safe";

/**
 * What of a credential may leave the server: never the ciphertext, never the token; at most its
 * last four characters. Pages and actions only ever return this shape.
 */
export interface PublicCredential {
  id: string;
  connector: string;
  name: string;
  description: string;
  account: { id: string; name: string; email: string };
  /** "api-key": a personal token pasted in the form; "oauth": connected with the connector's OAuth app. */
  authMethod: AuthMethod;
  tokenLast4: string;
  lastVerifiedAt: string;
  createdAt: string;
  /** How many sources and destinations use it. */
  usageCount: number;
  /** Its token's rate budget: calls a minute to the connector, in any 60-second window (lib/clickup-budget/). */
  callsPerMinute: number;
  /** For detecting edits made from a stale page. */
  version: number;
  /**
   * What the latest conclusive check said (lib/credential-watch/): ok, broken, account_changed,
   * unknown or unreadable — and why, for every state but ok.
   */
  state: CredentialState;
  stateReason: string;
  stateChangedAt: string | null;
  /** The older shape of the same facts (kept for API clients): unknown counts as ok there. */
  health: CredentialHealth;
  /** Whose it is (null: saved before people existed), and how the person looking relates to it. */
  ownerName: string | null;
  ownerEmail: string | null;
  access: CredentialAccess;
  /**
   * For one shared with the person: the name of another credential they can use that this one's
   * name looks like (lib/credentials/lookalike-names.ts), so it cannot pass for that one.
   */
  looksLike: string | null;
}

export interface CredentialHealth {
  state: "ok" | "needs-attention" | "needs-reentry";
  /** Why, for the two problem states. */
  reason: string;
  checkedAt: string | null;
}

export const NEEDS_REENTRY_REASON =
  "The stored token can no longer be decrypted (its encryption key is missing or was changed). Replace the token to use this credential again.";
export const NEEDS_RECONNECT_REASON =
  "The stored token can no longer be decrypted (its encryption key is missing or was changed). Reconnect to use this credential again.";

export interface CredentialRow {
  id: string;
  connector: string;
  name: string;
  description: string;
  secretKeyId: string;
  secretLast4: string;
  authMethod: string;
  accountId: string;
  accountName: string;
  accountEmail: string;
  lastVerifiedAt: Date;
  state: string;
  stateReason: string;
  stateChangedAt?: Date | null;
  lastCheckedAt: Date | null;
  version: number;
  createdAt: Date;
  callsPerMinute?: number;
  _count?: { endpoints: number };
  owner?: { name: string; email: string } | null;
}

/** `keyAvailable`: whether the key that sealed the token is in the key ring (else it cannot decrypt). */
export function toPublicCredential(
  row: CredentialRow,
  keyAvailable: boolean,
  access: CredentialAccess,
): PublicCredential {
  return {
    id: row.id,
    connector: row.connector,
    name: row.name,
    description: row.description,
    // Cleaned when ClickUp answers (lib/connectors/clickup/responses.ts); again here for rows stored before that.
    account: {
      id: row.accountId,
      name: toPlainLabel(row.accountName, 254),
      email: toPlainLabel(row.accountEmail, 254),
    },
    authMethod: toAuthMethod(row.authMethod),
    tokenLast4: row.secretLast4,
    lastVerifiedAt: row.lastVerifiedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    usageCount: row._count?.endpoints ?? 0,
    callsPerMinute: row.callsPerMinute ?? CALLS_PER_MINUTE.default,
    version: row.version,
    state: credentialState(row, keyAvailable),
    stateReason: stateReason(row, keyAvailable),
    stateChangedAt: row.stateChangedAt?.toISOString() ?? null,
    health: credentialHealth(row, keyAvailable),
    ownerName: row.owner?.name ?? null,
    ownerEmail: row.owner?.email ?? null,
    access,
    looksLike: null,
  };
}

/** A token whose encryption key left the ring is unreadable, whatever the last check said. */
function credentialState(row: CredentialRow, keyAvailable: boolean): CredentialState {
  return keyAvailable ? toCredentialState(row.state) : "unreadable";
}

function stateReason(row: CredentialRow, keyAvailable: boolean): string {
  const state = credentialState(row, keyAvailable);
  if (state === "unreadable")
    return toAuthMethod(row.authMethod) === "oauth" ? NEEDS_RECONNECT_REASON : NEEDS_REENTRY_REASON;
  return state === "ok" ? "" : row.stateReason;
}

function credentialHealth(row: CredentialRow, keyAvailable: boolean): CredentialHealth {
  const checkedAt = row.lastCheckedAt?.toISOString() ?? null;
  const state = credentialState(row, keyAvailable);
  const reason = stateReason(row, keyAvailable);
  if (state === "unreadable") return { state: "needs-reentry", reason, checkedAt };
  if (state === "broken" || state === "account_changed") return { state: "needs-attention", reason, checkedAt };
  return { state: "ok", reason: "", checkedAt };
}

/** Rows to what may leave the server, marking those whose key is gone from the ring. Server only. */
export function toPublicCredentials(
  rows: (CredentialRow & { ownerId: string | null })[],
  person: Person,
  keyIds: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): PublicCredential[] {
  return rows.map((row) => toPublicCredential(row, keyIds.has(row.secretKeyId), credentialAccess(person, row.ownerId)));
}
