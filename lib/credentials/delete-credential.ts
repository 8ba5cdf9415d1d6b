import "server-only";

import { actorName, type Caller } from "@/lib/auth/person";
import { inTransaction } from "@/lib/db/client";
import { isForeignKeyViolation } from "@/lib/db/errors";
import { fail, inUse } from "@/lib/failure-reasons.browser-safe";

import { recordCredentialEvent } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES } from "./messages";
import { listCredentialUses } from "./queries";
import type { DeleteCredentialResult } from "./results";
import { credentialRefSchema } from "./schemas.browser-safe";

/** Delete (`{ id }`), unless sources or destinations use it (the database's RESTRICT rule has the last word). */
export async function deleteCredential(caller: Caller, input: unknown): Promise<DeleteCredentialResult> {
  const { person } = caller;
  const parsed = credentialRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  const found = await findCredentialFor(person, parsed.data.id, "manage", { id: true, name: true });
  if (!found.ok) return found;
  const { row } = found;
  const refused = async (): Promise<DeleteCredentialResult> => {
    const usedBy = await listCredentialUses(person, row.id, true);
    const what = usedBy.length === 1 ? "source or destination" : "sources and destinations";
    return inUse(
      `"${row.name}" is used by ${usedBy.length} ${what}. Delete them or switch them to another credential first.`,
      usedBy,
    );
  };
  if ((await listCredentialUses(person, row.id, true)).length > 0) return refused();
  try {
    await inTransaction(async (tx) => {
      await tx.credential.delete({ where: { id: row.id } });
      await recordCredentialEvent(
        {
          credentialId: row.id,
          credentialName: row.name,
          type: "deleted",
          actorName: actorName(caller),
          detail: `Deleted; the encrypted token was erased with it.`,
        },
        tx,
      );
    });
  } catch (error) {
    // Put in use between the check above and the delete.
    if (isForeignKeyViolation(error)) return refused();
    throw error;
  }
  return { ok: true, data: { name: row.name } };
}
