import "server-only";

import { randomUUID } from "node:crypto";

import { invalidInput } from "@/lib/action-result.browser-safe";
import type { Caller } from "@/lib/auth/person";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { credentialNameKey } from "@/lib/credentials/schemas.browser-safe";
import { getDb } from "@/lib/db/client";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";

import { listWorkspacesForCredential } from "./list-workspaces";
import { duplicateEndpointNameMessage, ENDPOINT_MESSAGES } from "./messages";
import type { CreateEndpointResult } from "./results";
import { newEndpointSchema } from "./schemas.browser-safe";

/**
 * Creates a source or destination. Everything is checked again here: the credential still exists
 * and belongs to this connector, the name is free, and the Workspace is one the connector lists
 * for this credential right now.
 */
export async function createEndpoint(caller: Caller, input: unknown): Promise<CreateEndpointResult> {
  const { person } = caller;
  const parsed = newEndpointSchema.safeParse(input);
  if (!parsed.success) {
    const credentialIssue = parsed.error.issues.find((issue) => issue.path[0] === "credentialId");
    const result = invalidInput(parsed.error, ["name", "workspaceId"] as const);
    if (!result.fieldErrors && credentialIssue)
      return { ok: false, message: credentialIssue.message, needsOtherCredential: true };
    return result;
  }
  const { kind, connector: connectorId, credentialId, name, workspaceId } = parsed.data;
  const connector = findConnectorServer(connectorId);
  if (!connector) return { ok: false, message: ENDPOINT_MESSAGES.unknownConnectorStartAgain };

  const db = getDb();
  const nameKey = credentialNameKey(name);
  // Names are unique per person and kind.
  const taken = await db.endpoint.findFirst({ where: { ownerId: person.id, kind, nameKey }, select: { id: true } });
  if (taken) return duplicateName(kind, name);

  const workspaces = await listWorkspacesForCredential(person, connector.definition.id, credentialId);
  if (!workspaces.ok) return workspaces;
  const workspace = workspaces.data.find((candidate) => candidate.id === workspaceId);
  if (!workspace) {
    const message = `That ${connector.definition.workspaceLabel} is not one this credential can reach. Choose one from the list.`;
    return { ok: false, message, fieldErrors: { workspaceId: message } };
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
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateName(kind, name);
    // Deleted between the check above and this insert.
    if (isForeignKeyViolation(error))
      return { ok: false, message: ENDPOINT_MESSAGES.credentialGone, needsOtherCredential: true };
    throw error;
  }
  return { ok: true, data: { id, path: `${endpointKinds[kind].basePath}/${id}` } };
}

function duplicateName(kind: EndpointKind, name: string): CreateEndpointResult {
  const message = duplicateEndpointNameMessage(kind, name);
  return { ok: false, message, fieldErrors: { name: message } };
}
