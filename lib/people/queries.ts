import "server-only";

import { toRole, type Person } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";

import { hashInvitationToken, INVITATION_TOKEN_PATTERN } from "./invitation-token";
import { PEOPLE_MESSAGES } from "./messages";
import type { InvitationState, PendingInvitation, PersonSummary } from "./results";

// Reads for the People page and the invitation page. The People page is the admin's: for anyone
// else these return nothing.

export async function listPeople(person: Person): Promise<PersonSummary[]> {
  if (person.role !== "admin") return [];
  const rows = await getDb().user.findMany({
    include: { _count: { select: { credentials: true, endpoints: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: toRole(row.role),
    createdAt: row.createdAt.toISOString(),
    credentialCount: row._count.credentials,
    endpointCount: row._count.endpoints,
  }));
}

export async function listPendingInvitations(person: Person): Promise<PendingInvitation[]> {
  if (person.role !== "admin") return [];
  const rows = await getDb().invitation.findMany({
    where: { acceptedAt: null, expiresAt: { gt: new Date() } },
    include: { createdBy: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 100,
  });
  return rows.map((row) => ({
    id: row.id,
    createdBy: row.createdBy.name,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  }));
}

/** Whether an invitation link can still be used, for the page it opens (anyone with the link). */
export async function describeInvitation(token: string): Promise<InvitationState> {
  if (!INVITATION_TOKEN_PATTERN.test(token)) return { valid: false, message: PEOPLE_MESSAGES.invitationUnusable };
  const invitation = await getDb().invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { createdBy: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt) return { valid: false, message: PEOPLE_MESSAGES.invitationUnusable };
  if (invitation.expiresAt <= new Date()) return { valid: false, message: PEOPLE_MESSAGES.invitationExpired };
  return { valid: true, invitedBy: invitation.createdBy.name, expiresAt: invitation.expiresAt.toISOString() };
}
