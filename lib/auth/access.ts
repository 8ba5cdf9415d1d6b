import type { Prisma } from "@/lib/generated/prisma/client";

import type { Person } from "./person";

/**
 * Who may do what with a credential, as database filters, so a rule is applied by the same query
 * that loads the row: a row outside the filter is simply "not found" (an id from someone else
 * reveals nothing, not even that it exists).
 *
 * - see (lists, detail, Activity, Verify now): its owner, people it is shared with, the admin.
 * - use (pick it on the Authenticate screen, list Workspaces, create with it): its owner and people
 *   it is shared with. The admin sees everything but does not use others' tokens.
 * - manage (edit, replace token, delete, stop sharing): its owner, and the admin.
 * - share (hand someone the use of the token): its owner only — the owner's decision, not the admin's.
 */
export type CredentialScope = "see" | "use" | "manage" | "share";

export function credentialFilter(person: Person, scope: CredentialScope): Prisma.CredentialWhereInput {
  const own = { ownerId: person.id };
  const sharedWithThem = { shares: { some: { userId: person.id } } };
  switch (scope) {
    case "see":
      return person.role === "admin" ? {} : { OR: [own, sharedWithThem] };
    case "use":
      return { OR: [own, sharedWithThem] };
    case "manage":
      return person.role === "admin" ? {} : own;
    case "share":
      return own;
  }
}

/**
 * Calling the connector with the token through the ClickUp proxy (lib/clickup-proxy/): "use", but
 * a share counts only while its owner leaves proxy use on (`CredentialShare.proxyAllowed`).
 */
export function credentialProxyFilter(person: Person): Prisma.CredentialWhereInput {
  return { OR: [{ ownerId: person.id }, { shares: { some: { userId: person.id, proxyAllowed: true } } }] };
}

/** Sources and destinations: their owner, and the admin. They are never shared. */
export function endpointFilter(person: Person): Prisma.EndpointWhereInput {
  return person.role === "admin" ? {} : { ownerId: person.id };
}

/** How a person relates to a credential, for the UI (which buttons, which marks). */
export type CredentialAccess = "own" | "shared" | "admin";

export function credentialAccess(person: Person, ownerId: string | null): CredentialAccess {
  if (ownerId === person.id) return "own";
  return person.role === "admin" ? "admin" : "shared";
}

/** The same rules for a row already loaded (e.g. to decide which links a list shows). */
export function canSeeEndpoint(person: Person, ownerId: string | null): boolean {
  return person.role === "admin" || ownerId === person.id;
}
