import "server-only";

import { actorName, type Caller } from "@/lib/auth/person";
import { getDb, inTransaction } from "@/lib/db/client";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { fail, invalid } from "@/lib/failure-reasons.browser-safe";

import { recordCredentialEvent } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES } from "./messages";
import type { ShareCredentialResult } from "./results";
import { shareSchema } from "./schemas.browser-safe";

/**
 * Share (`{ id, userId }`): lets another person use the credential for their own sources and
 * destinations. They never see its token (nobody does), and cannot edit, replace, share or delete it.
 */
export async function shareCredential(caller: Caller, input: unknown): Promise<ShareCredentialResult> {
  const { person } = caller;
  const parsed = shareSchema.safeParse(input);
  if (!parsed.success) {
    const message = CREDENTIAL_MESSAGES.chooseSharePerson;
    return invalid(message, { userId: message });
  }
  const found = await findCredentialFor(person, parsed.data.id, "share", { id: true, name: true, ownerId: true });
  if (!found.ok) return found;
  const { row } = found;
  const recipient = await getDb().user.findUnique({
    where: { id: parsed.data.userId },
    select: { id: true, name: true, email: true },
  });
  if (!recipient) {
    const message = CREDENTIAL_MESSAGES.sharePersonGone;
    return invalid(message, { userId: message });
  }
  if (recipient.id === row.ownerId) return fail("refused", "That person owns this credential already.");
  try {
    await inTransaction(async (tx) => {
      await tx.credentialShare.create({ data: { credentialId: row.id, userId: recipient.id } });
      await recordCredentialEvent(
        {
          credentialId: row.id,
          credentialName: row.name,
          type: "shared",
          actorName: actorName(caller),
          detail: `Shared with ${recipient.name} (${recipient.email}) for use in their own sources and destinations. The token stays hidden.`,
        },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict", `It is already shared with ${recipient.name}.`);
    // The credential or the recipient was deleted meanwhile.
    if (isForeignKeyViolation(error)) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
    throw error;
  }
  return { ok: true, data: null };
}
