import "server-only";

import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";
import { z } from "@/lib/zod";

import { PEOPLE_MESSAGES } from "./messages";
import type { RevokeInvitationResult } from "./results";

const invitationRefSchema = z.object({ id: z.string().regex(ID_PATTERN) });

/** Revoke an invitation not yet used (`{ id }`; admin only). */
export async function revokeInvitation(caller: Caller, input: unknown): Promise<RevokeInvitationResult> {
  if (caller.person.role !== "admin") return fail("admin-only", PEOPLE_MESSAGES.adminOnly);
  const parsed = invitationRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", PEOPLE_MESSAGES.invitationGone);
  const { count } = await getDb().invitation.deleteMany({ where: { id: parsed.data.id, acceptedAt: null } });
  if (count > 0) return { ok: true, data: null };
  // Only on the refusal path: an id that was never an invitation is "not found", a used one a conflict.
  const used = await getDb().invitation.count({ where: { id: parsed.data.id } });
  return used
    ? fail("conflict", PEOPLE_MESSAGES.invitationUsedOrRevoked)
    : fail("not-found", PEOPLE_MESSAGES.invitationGone);
}
