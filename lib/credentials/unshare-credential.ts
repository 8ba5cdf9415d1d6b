import "server-only";

import { actorName, type Caller } from "@/lib/auth/person";
import { getDb, inTransaction } from "@/lib/db/client";
import { fail, inUse } from "@/lib/failure-reasons.browser-safe";

import { recordCredentialEvent } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES } from "./messages";
import type { UnshareCredentialResult } from "./results";
import { shareSchema } from "./schemas.browser-safe";

/** Stop sharing (`{ id, userId }`), unless that person's sources or destinations still use the credential. */
export async function unshareCredential(caller: Caller, input: unknown): Promise<UnshareCredentialResult> {
  const { person } = caller;
  const parsed = shareSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", CREDENTIAL_MESSAGES.shareGone);
  const found = await findCredentialFor(person, parsed.data.id, "manage", { id: true, name: true });
  if (!found.ok) return found;
  const { row } = found;
  const db = getDb();
  const share = await db.credentialShare.findUnique({
    where: { credentialId_userId: { credentialId: row.id, userId: parsed.data.userId } },
    include: { user: { select: { name: true } } },
  });
  if (!share) return fail("not-found", CREDENTIAL_MESSAGES.notSharedAnyMore);
  const uses = await db.endpoint.findMany({
    where: { credentialId: row.id, ownerId: share.userId },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  if (uses.length > 0) {
    return inUse(
      `${share.user.name} uses "${row.name}" in ${uses.length} source(s) or destination(s). They (or the admin) must switch or delete those first.`,
      uses.map((use) => use.name),
    );
  }
  await inTransaction(async (tx) => {
    const { count } = await tx.credentialShare.deleteMany({ where: { credentialId: row.id, userId: share.userId } });
    if (count === 0) return;
    await recordCredentialEvent(
      {
        credentialId: row.id,
        credentialName: row.name,
        type: "unshared",
        actorName: actorName(caller),
        detail: `No longer shared with ${share.user.name}.`,
      },
      tx,
    );
  });
  return { ok: true, data: null };
}
