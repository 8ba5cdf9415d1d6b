import "server-only";

import { randomUUID } from "node:crypto";

import { INPUT_NOT_UNDERSTOOD, invalidInput } from "@/lib/action-result.browser-safe";
import { actorName, type Caller } from "@/lib/auth/person";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { connectorFailureResult } from "@/lib/connectors/failure-result";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { getDb, inTransaction } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";

import { recordCredentialEvent } from "./activity";
import { answerForEarlierSave } from "./earlier-save";
import { idempotencyKeySchema } from "./idempotency-key.browser-safe";
import { CREDENTIAL_MESSAGES, describeAccount, duplicateCredentialNameMessage } from "./messages";
import { toPublicCredentials } from "./public-credential";
import type { CreateCredentialResult } from "./results";
import { credentialNameKey, newCredentialSchema } from "./schemas.browser-safe";
import { verifiedTokenColumns } from "./secret";
import { limitTokenChecks } from "./token-check-limit";

/**
 * Adds a credential (`{ connector, name, description?, apiKey, idempotencyKey? }`): validates the
 * input (whatever the browser did), asks the connector whose key it is, seals the key and stores
 * it. Stores nothing unless every step succeeds. A submit repeated with the same idempotency key
 * answers with the credential the first one stored (lib/credentials/earlier-save.ts).
 */
export async function createCredential(caller: Caller, input: unknown): Promise<CreateCredentialResult> {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { ok: false, message: INPUT_NOT_UNDERSTOOD };
  const connectorId = (input as { connector?: unknown }).connector;
  const connector = typeof connectorId === "string" ? findConnectorServer(connectorId) : undefined;
  if (!connector) return { ok: false, message: CREDENTIAL_MESSAGES.unknownConnector };
  const { definition } = connector;

  const parsed = newCredentialSchema(definition).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "description", "apiKey"] as const);
  const { name, description, apiKey } = parsed.data;
  const nameKey = credentialNameKey(name);
  const { person } = caller;

  // Our form always sends a well-formed key: a malformed one is a script, not a person.
  const idempotency = idempotencyKeySchema.safeParse((input as { idempotencyKey?: unknown }).idempotencyKey);
  if (!idempotency.success) return { ok: false, message: INPUT_NOT_UNDERSTOOD };
  const idempotencyKey = idempotency.data;
  const submitted = { connector: definition.id, name, description, apiKey };
  // A retry of a save that went through (its answer lost) gets that save's credential back, before
  // the name check below would call its own credential a clash.
  const earlier = idempotencyKey && (await answerForEarlierSave(person, idempotencyKey, submitted));
  if (earlier) return earlier;

  // Checked first so a taken name costs no call to the connector; the unique index below is what
  // actually guarantees it when two saves race. Names are unique per person, so only the
  // person's own credentials can clash.
  const taken = await getDb().credential.findFirst({
    where: { ownerId: person.id, connector: definition.id, nameKey },
    select: { id: true },
  });
  if (taken) {
    // The clash may be this very submit's first copy, stored since the look-up above (two copies
    // racing): then it is the answer, not a clash.
    const raced = idempotencyKey && (await answerForEarlierSave(person, idempotencyKey, submitted));
    return raced || duplicateName(name, definition.displayName);
  }

  const limited = await limitTokenChecks(caller);
  if (limited) return limited;
  const verified = await connector.verifyApiKey(apiKey);
  if (!verified.ok) return connectorFailureResult(verified.failure);

  const id = randomUUID();
  try {
    const row = await inTransaction(async (tx) => {
      const created = await tx.credential.create({
        data: {
          id,
          connector: definition.id,
          name,
          nameKey,
          description,
          ...verifiedTokenColumns(id, apiKey, verified.account, new Date()),
          ownerId: person.id,
          idempotencyKey,
        },
      });
      await recordCredentialEvent(
        {
          credentialId: id,
          credentialName: name,
          type: "created",
          actorName: actorName(caller),
          detail: `Verified with ${definition.displayName}: belongs to ${describeAccount(verified.account)}. Token ending …${apiKey.slice(-4)}.`,
        },
        tx,
      );
      // Nothing can use a credential that did not exist a moment ago: no need to count (a query).
      return { ...created, _count: { endpoints: 0 } };
    });
    return { ok: true, data: toPublicCredentials([row], person, getCredentialKeyRing().keys)[0] };
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Two submits of one key raced (a retry sent while the first was still saving): the first
      // one's credential is the answer.
      const raced = idempotencyKey && (await answerForEarlierSave(person, idempotencyKey, submitted));
      return raced || duplicateName(name, definition.displayName);
    }
    throw error;
  }
}

function duplicateName(name: string, connectorName: string): CreateCredentialResult {
  const message = duplicateCredentialNameMessage(name, connectorName);
  return { ok: false, message, fieldErrors: { name: message } };
}
