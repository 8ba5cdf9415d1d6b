import "server-only";

import type { Caller } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";
import { z } from "@/lib/zod";

import { PEOPLE_MESSAGES } from "./messages";
import type { RevokeInvitationResult } from "./results";

const invitationRefSchema = z.object({ id: z.string().regex(ID_PATTERN) });

/** Revoke an invitation not yet used (`{ id }`; admin only). */
export async function revokeInvitation(caller: Caller, input: unknown): Promise<RevokeInvitationResult> {
  if (caller.person.role !== "admin") return { ok: false, message: PEOPLE_MESSAGES.adminOnly };
  const parsed = invitationRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: PEOPLE_MESSAGES.invitationGone };
  const { count } = await getDb().invitation.deleteMany({ where: { id: parsed.data.id, acceptedAt: null } });
  if (count === 0) return { ok: false, message: PEOPLE_MESSAGES.invitationUsedOrRevoked };
  return { ok: true, data: null };
}
