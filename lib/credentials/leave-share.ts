import "server-only";

import { actorName, type Caller } from "@/lib/auth/person";
import { getDb, inTransaction } from "@/lib/db/client";
import { fail, inUse } from "@/lib/failure-reasons.browser-safe";

import { recordCredentialEvent } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES, leaveShareInUseMessage } from "./messages";
import { listCredentialUses } from "./queries";
import type { LeaveShareResult } from "./results";
import { credentialRefSchema } from "./schemas.browser-safe";

/**
 * "Remove from my credentials" (`{ id }`), for the person a credential was shared with: ends
 * the share, unless their own sources or destinations still use it. Its owner keeps it; only
 * they can share it again.
 */
export async function leaveShare(caller: Caller, input: unknown): Promise<LeaveShareResult> {
  const { person } = caller;
  const parsed = credentialRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  const found = await findCredentialFor(person, parsed.data.id, "see", { id: true, name: true, ownerId: true });
  if (!found.ok) return found;
  const { row } = found;
  if (row.ownerId === person.id) return fail("refused", CREDENTIAL_MESSAGES.leaveOwnCredential);
  const share = await getDb().credentialShare.findUnique({
    where: { credentialId_userId: { credentialId: row.id, userId: person.id } },
    select: { userId: true },
  });
  if (!share) return fail("not-found", CREDENTIAL_MESSAGES.notSharedWithYou);
  // Their own sources and destinations only: nobody else's depend on this share.
  const uses = await listCredentialUses(person, row.id, false);
  if (uses.length > 0) return inUse(leaveShareInUseMessage(row.name, uses), uses);

  const left = await inTransaction(async (tx) => {
    const { count } = await tx.credentialShare.deleteMany({ where: { credentialId: row.id, userId: person.id } });
    if (count === 0) return false;
    await recordCredentialEvent(
      {
        credentialId: row.id,
        credentialName: row.name,
        type: "unshared",
        actorName: actorName(caller),
        detail: `${person.name} (${person.email}) removed it from their credentials: it is no longer shared with them.`,
      },
      tx,
    );
    return true;
  });
  if (!left) return fail("not-found", CREDENTIAL_MESSAGES.notSharedWithYou);
  return { ok: true, data: { name: row.name } };
}
