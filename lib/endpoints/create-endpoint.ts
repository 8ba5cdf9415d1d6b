import "server-only";

import { randomUUID } from "node:crypto";

import { INPUT_NOT_UNDERSTOOD, invalidInput } from "@/lib/action-result.browser-safe";
import type { Caller } from "@/lib/auth/person";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { findCredentialFor } from "@/lib/credentials/find-credential-for";
import { idempotencyKeySchema } from "@/lib/credentials/idempotency-key.browser-safe";
import { credentialNameKey } from "@/lib/credentials/schemas.browser-safe";
import { getDb } from "@/lib/db/client";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { fail, invalid } from "@/lib/failure-reasons.browser-safe";

import { listWorkspacesForCredential } from "./list-workspaces";
import { duplicateEndpointNameMessage, ENDPOINT_MESSAGES, endpointIdempotencyKeyReusedMessage } from "./messages";
import type { CreateEndpointResult } from "./results";
import { newEndpointSchema } from "./schemas.browser-safe";

/**
 * Creates a source or destination. Everything is checked again here: the credential still exists
 * and is the person's to use (else "not found", like any record not theirs), it belongs to this
 * connector, the name is free, and the Workspace is one the connector lists for this credential
 * right now. A create sent again with the same idempotency key (the API's Idempotency-Key header)
 * answers with what the first one created.
 */
export async function createEndpoint(caller: Caller, input: unknown): Promise<CreateEndpointResult> {
  const { person } = caller;
  const parsed = newEndpointSchema.safeParse(input);
  if (!parsed.success) {
    const credentialIssue = parsed.error.issues.find((issue) => issue.path[0] === "credentialId");
    const result = invalidInput(parsed.error, ["name", "workspaceId"] as const);
    if (result.reason !== "invalid" && credentialIssue) return fail("credential-unusable", credentialIssue.message);
    return result;
  }
  const { kind, credentialId, name, workspaceId } = parsed.data;
  // Someone else's credential (even one the admin may see), or none at all, is not found: the
  // answer must not tell the two apart. One the person may use but cannot use now is unusable.
  const usable = await findCredentialFor(person, credentialId, "use", { connector: true });
  if (!usable.ok) return fail("not-found", ENDPOINT_MESSAGES.credentialGone);
  const connectorId = parsed.data.connector ?? usable.row.connector;
  const connector = findConnectorServer(connectorId);
  if (!connector) return invalid(ENDPOINT_MESSAGES.unknownConnectorStartAgain);
  const idempotency = idempotencyKeySchema.safeParse((input as { idempotencyKey?: unknown }).idempotencyKey);
  if (!idempotency.success) return fail("malformed", INPUT_NOT_UNDERSTOOD);
  const idempotencyKey = idempotency.data;

  const db = getDb();
  const nameKey = credentialNameKey(name);
  const submitted = { kind, credentialId, nameKey, workspaceId };
  const earlier = idempotencyKey && (await answerForEarlierCreate(person.id, idempotencyKey, submitted));
  if (earlier) return earlier;
  // Names are unique per person and kind.
  const taken = await db.endpoint.findFirst({ where: { ownerId: person.id, kind, nameKey }, select: { id: true } });
  if (taken) return duplicateName(kind, name);

  const workspaces = await listWorkspacesForCredential(person, connector.definition.id, credentialId);
  if (!workspaces.ok) return workspaces;
  const workspace = workspaces.data.find((candidate) => candidate.id === workspaceId);
  if (!workspace) {
    const message = `That ${connector.definition.workspaceLabel} is not one this credential can reach. Choose one from the list.`;
    return invalid(message, { workspaceId: message });
  }

  const id = randomUUID();
  try {
    await db.endpoint.create({
      data: {
        id,
        kind,
        connector: connector.definition.id,
        name,
        nameKey,
        workspaceId: workspace.id,
        workspaceName: workspace.name,
        credentialId,
        ownerId: person.id,
        idempotencyKey,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      // Two sends of one key raced: the first one's is the answer.
      const raced = idempotencyKey && (await answerForEarlierCreate(person.id, idempotencyKey, submitted));
      return raced || duplicateName(kind, name);
    }
    // Deleted between the check above and this insert: now it is not found, as if deleted before.
    if (isForeignKeyViolation(error)) return fail("not-found", ENDPOINT_MESSAGES.credentialGone);
    throw error;
  }
  return { ok: true, data: { id, path: `${endpointKinds[kind].basePath}/${id}` } };
}

function duplicateName(kind: EndpointKind, name: string): CreateEndpointResult {
  const message = duplicateEndpointNameMessage(kind, name);
  return invalid(message, { name: message });
}

/**
 * What an earlier create with this idempotency key (the person's own only) answers: the same
 * source or destination when the details match, a refusal naming it when they do not.
 */
async function answerForEarlierCreate(
  ownerId: string,
  idempotencyKey: string,
  submitted: { kind: EndpointKind; credentialId: string; nameKey: string; workspaceId: string },
): Promise<CreateEndpointResult | undefined> {
  const row = await getDb().endpoint.findFirst({
    where: { ownerId, idempotencyKey },
    select: { id: true, kind: true, name: true, nameKey: true, credentialId: true, workspaceId: true },
  });
  if (!row) return undefined;
  const same =
    row.kind === submitted.kind &&
    row.credentialId === submitted.credentialId &&
    row.nameKey === submitted.nameKey &&
    row.workspaceId === submitted.workspaceId;
  if (!same) return fail("refused", endpointIdempotencyKeyReusedMessage(row.name));
  const kind: EndpointKind = row.kind === "destination" ? "destination" : "source";
  return { ok: true, data: { id: row.id, path: `${endpointKinds[kind].basePath}/${row.id}` } };
}
