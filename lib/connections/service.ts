import "server-only";

import { randomUUID } from "node:crypto";

import { connectorFailureResult, invalidInput, type ActionResult } from "@/lib/action-result";
import { connectionsVisibleTo, credentialsUsableBy } from "@/lib/auth/access";
import type { Viewer } from "@/lib/auth/viewer";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import type { ApiKeyConnectorServer, ConnectorFailure, ConnectorWorkspace } from "@/lib/connectors/types";
import { recordCheckOutcome } from "@/lib/credentials/checks";
import { credentialNameKey } from "@/lib/credentials/schema";
import { readCredentialSecret, type CredentialSecret } from "@/lib/credentials/secret";
import { getDb } from "@/lib/db/client";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";

import { connectionKinds, type ConnectionKind } from "./kinds";
import {
  connectionCredentialSelect,
  connectionOwnerSelect,
  toPublicConnection,
  type PublicConnection,
} from "./public-connection";
import { newConnectionSchema, type ConnectionFormField } from "./schema";

export type WorkspacesResult = ActionResult<ConnectorWorkspace[]>;
export type CreateConnectionResult = ActionResult<{ id: string; path: string }, ConnectionFormField>;

const CREDENTIAL_GONE =
  "That credential no longer exists (it may have been deleted). Go back to pick another credential or add a new one.";

function credentialFailure(secret: Extract<CredentialSecret, { ok: false }>) {
  const message =
    secret.reason === "not-found"
      ? CREDENTIAL_GONE
      : "This credential's token can no longer be decrypted (its encryption key is missing or was changed). Go back and add the credential again.";
  return { ok: false as const, message, needsOtherCredential: true };
}

function connectorFailure(failure: ConnectorFailure, credentialName: string, connector: ApiKeyConnectorServer) {
  if (failure.kind === "rejected") {
    return {
      ok: false as const,
      needsOtherCredential: true,
      message: `${connector.definition.displayName} no longer accepts the token of "${credentialName}" (it may have been regenerated or revoked). Go back to pick another credential or add a new one.`,
    };
  }
  return connectorFailureResult(failure);
}

/**
 * The Workspaces a credential can reach, asked of the connector with the decrypted token (which
 * never leaves the server).
 */
export async function listWorkspacesForCredential(
  viewer: Viewer,
  connectorId: string,
  credentialId: string,
): Promise<WorkspacesResult> {
  const connector = findConnectorServer(connectorId);
  if (!connector) return { ok: false, message: "Unknown connector." };
  // Only the viewer's own credentials and those shared with them can be used.
  const secret = await readCredentialSecret(connector.definition.id, credentialId, credentialsUsableBy(viewer));
  if (!secret.ok) {
    if (secret.reason === "unreadable")
      await recordCheckOutcome(
        { id: credentialId, ...secret },
        { ok: false, unreadable: true },
        "verified",
        viewer.name,
      );
    return credentialFailure(secret);
  }
  const credential = { id: credentialId, name: secret.name, version: secret.version };
  const listed = await connector.listWorkspaces(secret.token);
  // Using a credential checks it too: the Activity shows each use and a rejection marks it.
  if (!listed.ok) {
    await recordCheckOutcome(credential, listed, "verified", viewer.name);
    return connectorFailure(listed.failure, secret.name, connector);
  }
  const names = listed.workspaces.map((workspace) => workspace.name).join(", ");
  await recordCheckOutcome(
    credential,
    {
      ok: true,
      detail: `Listed ${listed.workspaces.length} ${connector.definition.workspaceLabel}(s)${names ? `: ${names}` : ""}.`,
    },
    "workspaces_listed",
    viewer.name,
  );
  return { ok: true, data: listed.workspaces };
}

/**
 * Creates a source or destination. Everything is checked again here: the credential still exists
 * and belongs to this connector, the name is free, and the Workspace is one the connector lists
 * for this credential right now.
 */
export async function createConnection(viewer: Viewer, input: unknown): Promise<CreateConnectionResult> {
  const parsed = newConnectionSchema.safeParse(input);
  if (!parsed.success) {
    const credentialIssue = parsed.error.issues.find((issue) => issue.path[0] === "credentialId");
    const result = invalidInput(parsed.error, ["name", "workspaceId"] as const);
    if (!result.fieldErrors && credentialIssue)
      return { ok: false, message: credentialIssue.message, needsOtherCredential: true };
    return result;
  }
  const { kind, connector: connectorId, credentialId, name, workspaceId } = parsed.data;
  const connector = findConnectorServer(connectorId);
  if (!connector) return { ok: false, message: "Unknown connector. Go back and start again." };

  const db = getDb();
  const nameKey = credentialNameKey(name);
  // Names are unique per person and kind.
  const taken = await db.connection.findFirst({ where: { ownerId: viewer.id, kind, nameKey }, select: { id: true } });
  if (taken) return duplicateName(kind, name);

  const workspaces = await listWorkspacesForCredential(viewer, connector.definition.id, credentialId);
  if (!workspaces.ok) return workspaces;
  const workspace = workspaces.data.find((candidate) => candidate.id === workspaceId);
  if (!workspace) {
    const message = `That ${connector.definition.workspaceLabel} is not one this credential can reach. Choose one from the list.`;
    return { ok: false, message, fieldErrors: { workspaceId: message } };
  }

  const id = randomUUID();
  try {
    await db.connection.create({
      data: {
        id,
        kind,
        connector: connector.definition.id,
        name,
        nameKey,
        workspaceId: workspace.id,
        workspaceName: workspace.name,
        credentialId,
        ownerId: viewer.id,
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) return duplicateName(kind, name);
    // Deleted between the check above and this insert.
    if (isForeignKeyViolation(error)) return { ok: false, message: CREDENTIAL_GONE, needsOtherCredential: true };
    throw error;
  }
  return { ok: true, data: { id, path: `${connectionKinds[kind].basePath}/${id}` } };
}

function duplicateName(kind: ConnectionKind, name: string): CreateConnectionResult {
  const message = `A ${connectionKinds[kind].label} named "${name}" already exists. Choose another name.`;
  return { ok: false, message, fieldErrors: { name: message } };
}

export async function listConnections(viewer: Viewer, kind: ConnectionKind): Promise<PublicConnection[]> {
  const rows = await getDb().connection.findMany({
    where: { AND: [{ kind }, connectionsVisibleTo(viewer)] },
    include: { credential: connectionCredentialSelect, owner: connectionOwnerSelect },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => toPublicConnection(row, viewer.id));
}

export async function findConnection(
  viewer: Viewer,
  kind: ConnectionKind,
  id: string,
): Promise<PublicConnection | undefined> {
  const row = await getDb().connection.findFirst({
    where: { AND: [{ id, kind }, connectionsVisibleTo(viewer)] },
    include: { credential: connectionCredentialSelect, owner: connectionOwnerSelect },
  });
  return row ? toPublicConnection(row, viewer.id) : undefined;
}
