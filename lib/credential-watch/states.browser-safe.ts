/**
 * A credential's state (docs/glossary.md): what the latest conclusive check with the connector
 * said about its token. Browser-safe: tiles, the list and the header badge show it.
 */
export const CREDENTIAL_STATES = ["ok", "broken", "account_changed", "unknown", "unreadable"] as const;
export type CredentialState = (typeof CREDENTIAL_STATES)[number];

/** The states a person must act on; "unknown" (the connector could not be asked for a while) is not one. */
export const NEEDS_ATTENTION_STATES: readonly CredentialState[] = ["broken", "account_changed", "unreadable"];

export const CREDENTIAL_STATE_LABELS: Record<CredentialState, string> = {
  ok: "Working",
  broken: "Broken",
  account_changed: "Account changed",
  unknown: "Unknown",
  unreadable: "Unreadable",
};

/** A stored state column read back; anything unrecognised is shown as unknown rather than ok. */
export function toCredentialState(value: unknown): CredentialState {
  if (value === "failed") return "broken";
  return (CREDENTIAL_STATES as readonly unknown[]).includes(value) ? (value as CredentialState) : "unknown";
}

export function needsAttention(state: CredentialState): boolean {
  return NEEDS_ATTENTION_STATES.includes(state);
}

/** An endpoint's reach into its Workspace: "lost" when its credential no longer reaches it. */
export type WorkspaceAccess = "ok" | "lost";
export const toWorkspaceAccess = (value: unknown): WorkspaceAccess => (value === "lost" ? "lost" : "ok");
