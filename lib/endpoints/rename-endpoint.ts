import "server-only";

import { invalidInput } from "@/lib/action-result.browser-safe";
import { endpointFilter } from "@/lib/auth/access";
import type { Caller } from "@/lib/auth/person";
import { credentialNameKey } from "@/lib/credentials/schemas.browser-safe";
import { getDb } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { fail, invalid } from "@/lib/failure-reasons.browser-safe";

import { duplicateEndpointNameMessage, ENDPOINT_MESSAGES } from "./messages";
import { findEndpoint } from "./queries";
import type { RenameEndpointResult } from "./results";
import { renameEndpointSchema } from "./schemas.browser-safe";

/**
 * Renames a source or destination (`{ kind, id, name }`): its owner or the admin; anyone else's is
 * "not found". Names stay unique per owner and kind (the database's index decides a race).
 */
export async function renameEndpoint(caller: Caller, input: unknown): Promise<RenameEndpointResult> {
  const parsed = renameEndpointSchema.safeParse(input);
  if (!parsed.success) {
    const failure = invalidInput(parsed.error, ["name"] as const);
    return failure.reason === "invalid" ? failure : fail("not-found", ENDPOINT_MESSAGES.notFound);
  }
  const { kind, id, name } = parsed.data;
  const { person } = caller;
  try {
    // The access rule is the update's filter: someone else's id changes nothing.
    const { count } = await getDb().endpoint.updateMany({
      where: { AND: [{ id, kind }, endpointFilter(person)] },
      data: { name, nameKey: credentialNameKey(name) },
    });
    if (count === 0) return fail("not-found", ENDPOINT_MESSAGES.notFound);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = duplicateEndpointNameMessage(kind, name);
    return invalid(message, { name: message });
  }
  const endpoint = await findEndpoint(person, kind, id);
  return endpoint ? { ok: true, data: endpoint } : fail("not-found", ENDPOINT_MESSAGES.notFound);
}
