import "server-only";

import type { ConnectorWorkspace } from "@/lib/connectors/types.browser-safe";

/**
 * Recent Workspace listings, per credential and version (replacing the token bumps the version,
 * so a new token is never answered from the old one's listing). In this process only: it saves
 * calls on the owner's token (ClickUp allows about 100 a minute per token) and needs no sharing —
 * each instance asks at most once a minute per credential, and the limits in the database bound
 * the rest.
 */
const TTL_MS = 60_000;
const MAX_ENTRIES = 1_000;
const listings = new Map<string, { workspaces: ConnectorWorkspace[]; at: number }>();

const keyOf = (credentialId: string, version: number) => `${credentialId}:${version}`;

export function cachedWorkspaces(credentialId: string, version: number, now = Date.now()) {
  const entry = listings.get(keyOf(credentialId, version));
  if (!entry) return undefined;
  if (now - entry.at >= TTL_MS) {
    listings.delete(keyOf(credentialId, version));
    return undefined;
  }
  return entry.workspaces;
}

export function rememberWorkspaces(credentialId: string, version: number, workspaces: ConnectorWorkspace[]) {
  // A Map iterates in insertion order: the first key is the oldest listing.
  if (listings.size >= MAX_ENTRIES) listings.delete(listings.keys().next().value!);
  listings.set(keyOf(credentialId, version), { workspaces, at: Date.now() });
}
