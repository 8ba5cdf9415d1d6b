import "server-only";

import type { Person } from "@/lib/auth/person";
import { connectorFailureResult } from "@/lib/connectors/failure-result";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import type { ApiKeyConnectorServer, ConnectorFailure } from "@/lib/connectors/types.browser-safe";
import { recordCheckOutcome } from "@/lib/credentials/checks";
import { readCredentialSecret, type CredentialSecret } from "@/lib/credentials/secret";

import { ENDPOINT_MESSAGES } from "./messages";
import type { WorkspacesResult } from "./results";

function credentialFailure(secret: Extract<CredentialSecret, { ok: false }>) {
  const message =
    secret.reason === "not-found" ? ENDPOINT_MESSAGES.credentialGone : ENDPOINT_MESSAGES.credentialUnreadable;
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
  person: Person,
  connectorId: string,
  credentialId: string,
): Promise<WorkspacesResult> {
  const connector = findConnectorServer(connectorId);
  if (!connector) return { ok: false, message: ENDPOINT_MESSAGES.unknownConnector };
  // Only the person's own credentials and those shared with them can be used.
  const secret = await readCredentialSecret(person, credentialId, "use", connector.definition.id);
  if (!secret.ok) {
    if (secret.reason === "unreadable")
      await recordCheckOutcome(
        { id: credentialId, ...secret },
        { ok: false, unreadable: true },
        "verified",
        person.name,
      );
    return credentialFailure(secret);
  }
  const credential = { id: credentialId, name: secret.name, version: secret.version };
  const listed = await connector.listWorkspaces(secret.token);
  // Using a credential checks it too: the Activity shows each use and a rejection marks it.
  if (!listed.ok) {
    await recordCheckOutcome(credential, listed, "verified", person.name);
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
    person.name,
  );
  return { ok: true, data: listed.workspaces };
}
