import "server-only";

import { randomBytes, randomUUID } from "node:crypto";

import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { hashInvitationToken } from "./invitation-token";
import { PEOPLE_MESSAGES } from "./messages";
import type { CreateInvitationResult } from "./results";

export const INVITATION_DAYS = 7;

/**
 * A new invitation (admin only; no input): the link's secret is returned this once and only its
 * hash is stored, so the link cannot be read back from the database or shown again.
 */
export async function createInvitation(caller: Caller): Promise<CreateInvitationResult> {
  if (caller.person.role !== "admin") return fail("admin-only", PEOPLE_MESSAGES.adminOnly);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  await getDb().invitation.create({
    data: { id: randomUUID(), tokenHash: hashInvitationToken(token), createdById: caller.person.id, expiresAt },
  });
  return { ok: true, data: { path: `/invite/${token}`, expiresAt: expiresAt.toISOString() } };
}
