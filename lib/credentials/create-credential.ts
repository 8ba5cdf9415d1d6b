import "server-only";

import { INPUT_NOT_UNDERSTOOD, invalidInput } from "@/lib/action-result.browser-safe";
import type { Caller } from "@/lib/auth/person";
import { connectorFailureResult } from "@/lib/connectors/failure-result";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { isUniqueViolation } from "@/lib/db/errors";
import { fail, invalid } from "@/lib/failure-reasons.browser-safe";

import { answerForEarlierSave } from "./earlier-save";
import { findSaveClashes } from "./find-save-clashes";
import { idempotencyKeySchema } from "./idempotency-key.browser-safe";
import { CREDENTIAL_MESSAGES, describeAccount, duplicateCredentialNameMessage } from "./messages";
import type { CreateCredentialResult } from "./results";
import { credentialNameKey, newCredentialSchema } from "./schemas.browser-safe";
import { storeVerifiedCredential } from "./store-verified-credential";
import { limitTokenChecks } from "./token-check-limit";

/**
 * Adds a credential (`{ connector, name, description?, apiKey, idempotencyKey? }`): validates the
 * input (whatever the browser did), asks the connector whose key it is, seals the key and stores
 * it. Stores nothing unless every step succeeds. A submit repeated with the same idempotency key
 * answers with the credential the first one stored (lib/credentials/earlier-save.ts).
 */
export async function createCredential(caller: Caller, input: unknown): Promise<CreateCredentialResult> {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return fail("malformed", INPUT_NOT_UNDERSTOOD);
  const connectorId = (input as { connector?: unknown }).connector;
  const connector = typeof connectorId === "string" ? findConnectorServer(connectorId) : undefined;
  if (!connector) return invalid(CREDENTIAL_MESSAGES.unknownConnector);
  const { definition } = connector;

  const parsed = newCredentialSchema(definition).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "description", "apiKey"] as const);
  const { name, description, apiKey } = parsed.data;
  const nameKey = credentialNameKey(name);
  const { person } = caller;

  // Our form always sends a well-formed key: a malformed one is a script, not a person.
  const idempotency = idempotencyKeySchema.safeParse((input as { idempotencyKey?: unknown }).idempotencyKey);
  if (!idempotency.success) return fail("malformed", INPUT_NOT_UNDERSTOOD);
  const idempotencyKey = idempotency.data;
  const submitted = { connector: definition.id, name, description, apiKey };
  // One query answers both questions asked before the connector is called: did this submit's key
  // already store a credential (a retry of a save that went through, its answer lost — it gets
  // that save's credential back rather than be told its own name is taken), and is the name taken?
  const clashes = await findSaveClashes(person, definition.id, nameKey, idempotencyKey);
  if (idempotencyKey && clashes.some((row) => row.idempotencyKey === idempotencyKey)) {
    const earlier = await answerForEarlierSave(caller, idempotencyKey, submitted);
    if (earlier) return earlier;
  }
  if (clashes.some((row) => !idempotencyKey || row.idempotencyKey !== idempotencyKey))
    return duplicateName(name, definition.displayName);

  const limited = await limitTokenChecks(caller);
  if (limited) return limited;
  const verified = await connector.verifyToken(apiKey);
  if (!verified.ok) return connectorFailureResult(verified.failure);

  try {
    const credential = await storeVerifiedCredential(
      caller,
      {
        connector: definition.id,
        name,
        description,
        authMethod: "api-key",
        token: apiKey,
        account: verified.account,
        idempotencyKey,
      },
      `Verified with ${definition.displayName}: belongs to ${describeAccount(verified.account)}. Token ending …${apiKey.slice(-4)}.`,
    );
    return { ok: true, data: credential };
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Two submits of one key raced (a retry sent while the first was still saving): the first
      // one's credential is the answer.
      const raced =
        idempotencyKey && (await answerForEarlierSave(caller, idempotencyKey, submitted, { checkCounted: true }));
      return raced || duplicateName(name, definition.displayName);
    }
    throw error;
  }
}

function duplicateName(name: string, connectorName: string): CreateCredentialResult {
  const message = duplicateCredentialNameMessage(name, connectorName);
  return invalid(message, { name: message });
}
