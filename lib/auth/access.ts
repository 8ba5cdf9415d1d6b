import type { Prisma } from "@/lib/generated/prisma/client";

import type { Viewer } from "./viewer";

/**
 * Who may do what with credentials and connections, as database filters, so a rule is applied by
 * the same query that loads the row: a row outside the filter is simply "not found" (an id from
 * someone else reveals nothing, not even that it exists).
 *
 * - see (lists, detail, Activity, Verify now): its owner, people it is shared with, the app owner.
 * - use (pick it on the Authenticate screen, list Workspaces, create with it): its owner and
 *   people it is shared with. The app owner sees everything but does not use others' tokens.
 * - manage (edit, replace token, delete, share): its owner, and the app owner.
 */
export function credentialsVisibleTo(viewer: Viewer): Prisma.CredentialWhereInput {
  if (viewer.role === "owner") return {};
  return credentialsUsableBy(viewer);
}

export function credentialsUsableBy(viewer: Viewer): Prisma.CredentialWhereInput {
  return { OR: [{ ownerId: viewer.id }, { shares: { some: { userId: viewer.id } } }] };
}

export function credentialsManageableBy(viewer: Viewer): Prisma.CredentialWhereInput {
  return viewer.role === "owner" ? {} : { ownerId: viewer.id };
}

/** Sources and destinations: their creator, and the app owner. They are never shared. */
export function connectionsVisibleTo(viewer: Viewer): Prisma.ConnectionWhereInput {
  return viewer.role === "owner" ? {} : { ownerId: viewer.id };
}

/** How the viewer relates to a credential, for the UI (which buttons, which marks). */
export type CredentialAccess = "own" | "shared" | "admin";

export function credentialAccess(viewer: Viewer, ownerId: string | null): CredentialAccess {
  if (ownerId === viewer.id) return "own";
  return viewer.role === "owner" ? "admin" : "shared";
}

export function canManageCredential(viewer: Viewer, ownerId: string | null): boolean {
  return viewer.role === "owner" || ownerId === viewer.id;
}

export function canSeeConnection(viewer: Viewer, ownerId: string | null): boolean {
  return viewer.role === "owner" || ownerId === viewer.id;
}
