import "server-only";

import { endpointFilter } from "@/lib/auth/access";
import { actorName, type Caller } from "@/lib/auth/person";
import { recordCredentialEvent } from "@/lib/credentials/activity";
import { inTransaction } from "@/lib/db/client";
import { endpointKinds } from "@/lib/endpoint-kinds.browser-safe";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { ENDPOINT_MESSAGES } from "./messages";
import type { DeleteEndpointResult } from "./results";
import { endpointRefSchema } from "./schemas.browser-safe";

/**
 * Deletes a source or destination (`{ kind, id }`): its owner or the admin; anyone else's is "not
 * found". Its credential stays, and its Activity says which source or destination stopped using
 * it — so a credential whose every use is gone can then be deleted.
 */
export async function deleteEndpoint(caller: Caller, input: unknown): Promise<DeleteEndpointResult> {
  const parsed = endpointRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", ENDPOINT_MESSAGES.notFound);
  const { kind, id } = parsed.data;
  const deleted = await inTransaction(async (tx) => {
    const row = await tx.endpoint.findFirst({
      where: { AND: [{ id, kind }, endpointFilter(caller.person)] },
      select: { name: true, credential: { select: { id: true, name: true } } },
    });
    if (!row) return undefined;
    const { count } = await tx.endpoint.deleteMany({ where: { id } });
    if (count === 0) return undefined;
    await recordCredentialEvent(
      {
        credentialId: row.credential.id,
        credentialName: row.credential.name,
        type: "endpoint_deleted",
        actorName: actorName(caller),
        detail: `The ${endpointKinds[kind].label} "${row.name}" that used it was deleted.`,
      },
      tx,
    );
    return row.name;
  });
  if (deleted === undefined) return fail("not-found", ENDPOINT_MESSAGES.notFound);
  return { ok: true, data: { name: deleted } };
}
