import "server-only";

import { invalidInput } from "@/lib/action-result.browser-safe";
import { AUTH_MESSAGES } from "@/lib/auth/messages";
import { hashUnlessBusy } from "@/lib/auth/password";
import type { Visitor } from "@/lib/auth/person";
import { newPersonSchema } from "@/lib/auth/schemas";
import { startSession } from "@/lib/auth/sign-in";
import { limitNewSignIns } from "@/lib/auth/sign-in-limit";
import { inTransaction } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { fail, invalid, rateLimited } from "@/lib/failure-reasons.browser-safe";

import { insertPerson } from "./insert-person";
import { hashInvitationToken } from "./invitation-token";
import { PEOPLE_MESSAGES } from "./messages";
import { describeInvitation } from "./queries";
import type { NewPersonResult } from "./results";

/** Creates a member from an invitation link (`{ token, name, email, password }`, used once) and signs them in. */
export async function acceptInvitation(visitor: Visitor, input: unknown): Promise<NewPersonResult> {
  const token = typeof input === "object" && input !== null ? (input as { token?: unknown }).token : undefined;
  if (typeof token !== "string") return fail("not-found", PEOPLE_MESSAGES.invitationUnusable);
  const state = await describeInvitation(token);
  if (!state.valid) return fail("not-found", state.message);
  // A valid link can be posted again and again (a taken email leaves it unused): the per-client
  // limit comes before the password's strength check and its hashing (both costly).
  const limited = await limitNewSignIns(visitor.clientKey);
  if (limited) return rateLimited(limited);
  const parsed = await newPersonSchema.safeParseAsync(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "email", "password"] as const);
  const { name, email, password } = parsed.data;
  const passwordHash = await hashUnlessBusy(password);
  if (!passwordHash) return fail("server-busy", AUTH_MESSAGES.busy);
  try {
    await inTransaction(async (tx) => {
      const userId = await insertPerson(tx, { name, email, passwordHash, role: "member" });
      // Claimed atomically: of two people using one link at once, only one gets in.
      const { count } = await tx.invitation.updateMany({
        where: { tokenHash: hashInvitationToken(token), acceptedAt: null, expiresAt: { gt: new Date() } },
        data: { acceptedAt: new Date(), acceptedUserId: userId },
      });
      // Throwing rolls the new person back.
      if (count === 0) throw new InvitationUsedError();
    });
  } catch (error) {
    if (error instanceof InvitationUsedError) return fail("not-found", PEOPLE_MESSAGES.invitationUnusable);
    if (isUniqueViolation(error)) return invalid(PEOPLE_MESSAGES.emailTaken, { email: PEOPLE_MESSAGES.emailTaken });
    throw error;
  }
  return { ok: true, data: { name, signedIn: await startSession(email, password) } };
}

class InvitationUsedError extends Error {}
