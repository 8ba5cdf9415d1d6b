import "server-only";

import { invalidInput } from "@/lib/action-result.browser-safe";
import { actorName, type Caller } from "@/lib/auth/person";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { inTransaction } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { fail, invalid } from "@/lib/failure-reasons.browser-safe";

import { recordCredentialEvent } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES, duplicateCredentialNameMessage } from "./messages";
import { getCredential } from "./queries";
import type { EditCredentialResult } from "./results";
import { credentialNameKey, editCredentialSchema } from "./schemas.browser-safe";

/**
 * Edit (`{ id, version, name, description, callsPerMinute? }`); refuses if the credential changed
 * since the page was loaded. Calls per minute is the token's rate budget (lib/clickup-budget/).
 */
export async function editCredential(caller: Caller, input: unknown): Promise<EditCredentialResult> {
  const parsed = editCredentialSchema.safeParse(input);
  if (!parsed.success)
    return invalidInput(parsed.error, ["name", "description", "callsPerMinute"] as const, ["version"]);
  const { id, version, name, description } = parsed.data;
  const { person } = caller;
  const found = await findCredentialFor(person, id, "manage", {
    connector: true,
    name: true,
    description: true,
    callsPerMinute: true,
  });
  if (!found.ok) return found;
  const { row } = found;
  const connector = findConnectorServer(row.connector);
  if (!connector) return fail("not-found", CREDENTIAL_MESSAGES.notFound);

  const callsPerMinute = parsed.data.callsPerMinute ?? row.callsPerMinute;
  const changes = [
    row.name !== name && `name "${row.name}" → "${name}"`,
    row.description !== description && "description",
    row.callsPerMinute !== callsPerMinute && `calls per minute ${row.callsPerMinute} → ${callsPerMinute}`,
  ]
    .filter(Boolean)
    .join(" and ");
  try {
    const updated = await inTransaction(async (tx) => {
      // The version in the WHERE makes "check it is unchanged, then write" one atomic statement.
      const { count } = await tx.credential.updateMany({
        where: { id, version },
        data: { name, nameKey: credentialNameKey(name), description, callsPerMinute, version: { increment: 1 } },
      });
      if (count === 0) return false;
      await recordCredentialEvent(
        {
          credentialId: id,
          credentialName: name,
          type: "edited",
          actorName: actorName(caller),
          detail: changes ? `Changed ${changes}.` : "Saved without changes.",
        },
        tx,
      );
      return true;
    });
    if (!updated) return fail("stale", CREDENTIAL_MESSAGES.stale);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = duplicateCredentialNameMessage(name, connector.definition.displayName);
    return invalid(message, { name: message });
  }
  const credential = await getCredential(person, id);
  return credential ? { ok: true, data: credential } : fail("not-found", CREDENTIAL_MESSAGES.notFound);
}
