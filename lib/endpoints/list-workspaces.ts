import "server-only";

import type { Caller, Person } from "@/lib/auth/person";
import { callWithinBudget } from "@/lib/clickup-budget/call-within-budget";
import { connectorFailureResult } from "@/lib/connectors/failure-result";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import type { ConnectorFailure, ConnectorServer } from "@/lib/connectors/types.browser-safe";
import { recordCheckOutcome } from "@/lib/credentials/checks";
import { readCredentialSecret, type CredentialSecret } from "@/lib/credentials/secret";
import { fail, invalid, rateLimited } from "@/lib/failure-reasons.browser-safe";
import { consumeRateLimit } from "@/lib/security/rate-limit";

import { ENDPOINT_MESSAGES } from "./messages";
import type { WorkspacesResult } from "./results";
import { workspaceListingSchema } from "./schemas.browser-safe";
import { cachedWorkspaces, rememberWorkspaces } from "./workspace-cache";

export const LISTINGS_PER_PERSON_PER_MINUTE = 30;
export const LISTINGS_PER_CREDENTIAL_PER_MINUTE = 20;

function credentialFailure(secret: Extract<CredentialSecret, { ok: false }>) {
  const message =
    secret.reason === "not-found" ? ENDPOINT_MESSAGES.credentialGone : ENDPOINT_MESSAGES.credentialUnreadable;
  return fail("credential-unusable", message);
}

function connectorFailure(failure: ConnectorFailure, credentialName: string, connector: ConnectorServer) {
  if (failure.kind === "rejected") {
    return fail(
      "credential-unusable",
      `${connector.definition.displayName} no longer accepts the token of "${credentialName}" (it may have been regenerated or revoked). Go back to pick another credential or add a new one.`,
    );
  }
  return connectorFailureResult(failure);
}

/**
 * The Workspaces a credential can reach, asked of the connector with the decrypted token (which
 * never leaves the server) — or, when asked to, the listing made in the last minute for the same token.
 */
export async function listWorkspacesForCredential(
  person: Person,
  connectorId: string,
  credentialId: string,
  /** Answer from a listing of the last minute if there is one (the Configure step; not Create, which checks live). */
  options: { reuseRecent?: boolean } = {},
): Promise<WorkspacesResult> {
  const connector = findConnectorServer(connectorId);
  if (!connector) return invalid(ENDPOINT_MESSAGES.unknownConnector);
  // Only the person's own credentials and those shared with them can be used.
  const secret = await readCredentialSecret(person, credentialId, "use", connector.definition.id);
  if (!secret.ok) {
    if (secret.reason === "unreadable")
      await recordCheckOutcome(
        { id: credentialId, ...secret },
        { ok: false, unreadable: true },
        { trigger: "use", actorName: person.name },
      );
    return credentialFailure(secret);
  }
  const cached = options.reuseRecent ? cachedWorkspaces(credentialId, secret.version) : undefined;
  if (cached) return { ok: true, data: cached };
  const limited = await limitListings(person, credentialId);
  if (limited) return limited;

  const credential = { id: credentialId, name: secret.name, version: secret.version };
  const startedAt = new Date();
  // Spent from the token's rate budget; a call it has no room for is not a check (nothing was sent).
  const budgeted = await callWithinBudget(
    {
      token: secret.token,
      limitPerMinute: secret.callsPerMinute,
      use: { credentialId, personId: person.id, purpose: "listing" },
    },
    (callOptions) => connector.listWorkspaces(secret.token, secret.authMethod, callOptions),
  );
  if (budgeted.refused) return connectorFailureResult(budgeted.failure);
  const listed = budgeted.result;
  // Using a credential checks it too: the Activity shows each use, a rejection breaks it, and
  // sources and destinations on a Workspace missing from the list lose access.
  if (!listed.ok) {
    await recordCheckOutcome(credential, listed, { trigger: "use", actorName: person.name, startedAt });
    return connectorFailure(listed.failure, secret.name, connector);
  }
  const names = listed.workspaces.map((workspace) => workspace.name).join(", ");
  await recordCheckOutcome(
    credential,
    {
      ok: true,
      detail: `Listed ${listed.workspaces.length} ${connector.definition.workspaceLabel}(s)${names ? `: ${names}` : ""}.`,
    },
    { trigger: "use", okEvent: "workspaces_listed", actorName: person.name, workspaces: listed.workspaces, startedAt },
  );
  rememberWorkspaces(credentialId, secret.version, listed.workspaces);
  return { ok: true, data: listed.workspaces };
}

/** Listing Workspaces from the browser (`{ connector, credentialId }`): the Configure step asks once it is shown. */
export async function listWorkspaces(caller: Caller, input: unknown): Promise<WorkspacesResult> {
  const parsed = workspaceListingSchema.safeParse(input);
  if (!parsed.success) return fail("credential-unusable", ENDPOINT_MESSAGES.credentialGone);
  return listWorkspacesForCredential(caller.person, parsed.data.connector, parsed.data.credentialId, {
    reuseRecent: true,
  });
}

/**
 * Calls to the connector on someone's token are limited per person and per credential (in the
 * database, so across instances): a person reloading pages, or a member using a shared
 * credential, cannot spend its owner's ClickUp allowance.
 */
async function limitListings(person: Person, credentialId: string): Promise<WorkspacesResult | undefined> {
  const decisions = [
    await consumeRateLimit(`workspaces:person:${person.id}`, LISTINGS_PER_PERSON_PER_MINUTE, 60_000),
    await consumeRateLimit(`workspaces:credential:${credentialId}`, LISTINGS_PER_CREDENTIAL_PER_MINUTE, 60_000),
  ];
  const refused = decisions.find((decision) => !decision.allowed);
  if (!refused || refused.allowed) return undefined;
  return rateLimited(ENDPOINT_MESSAGES.tooManyListings(refused.retryAfterSeconds), refused.retryAt.toISOString());
}
