import "server-only";

import { randomBytes, randomUUID } from "node:crypto";

import type { ActionResult } from "@/lib/action-result";
import { getDb } from "@/lib/db/client";
import { ID_PATTERN } from "@/lib/text-safety";
import { z } from "@/lib/zod";

import { hashInvitationToken } from "./accounts";
import type { Viewer } from "./viewer";

export const INVITATION_DAYS = 7;
export const ONLY_THE_OWNER = "Only the owner account can manage people.";

export interface PendingInvitation {
  id: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/**
 * A new invitation: the link's secret is returned this once and only its hash is stored, so the
 * link cannot be read back from the database or shown again.
 */
export async function createInvitation(viewer: Viewer): Promise<ActionResult<{ path: string; expiresAt: string }>> {
  if (viewer.role !== "owner") return { ok: false, message: ONLY_THE_OWNER };
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  await getDb().invitation.create({
    data: { id: randomUUID(), tokenHash: hashInvitationToken(token), createdById: viewer.id, expiresAt },
  });
  return { ok: true, data: { path: `/invite/${token}`, expiresAt: expiresAt.toISOString() } };
}

export async function listPendingInvitations(viewer: Viewer): Promise<PendingInvitation[]> {
  if (viewer.role !== "owner") return [];
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

const invitationRefSchema = z.object({ id: z.string().regex(ID_PATTERN) });

export async function revokeInvitation(viewer: Viewer, input: unknown): Promise<ActionResult<null>> {
  if (viewer.role !== "owner") return { ok: false, message: ONLY_THE_OWNER };
  const parsed = invitationRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "This invitation no longer exists. Reload the page." };
  const { count } = await getDb().invitation.deleteMany({ where: { id: parsed.data.id, acceptedAt: null } });
  if (count === 0) return { ok: false, message: "This invitation was already used or revoked. Reload the page." };
  return { ok: true, data: null };
}
