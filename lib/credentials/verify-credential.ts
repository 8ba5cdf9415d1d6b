import "server-only";

import { actorName, type Caller } from "@/lib/auth/person";
import { callWithinBudget } from "@/lib/clickup-budget/call-within-budget";
import { connectorFailureResult } from "@/lib/connectors/failure-result";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { fail, rateLimited } from "@/lib/failure-reasons.browser-safe";
import { consumeRateLimit } from "@/lib/security/rate-limit";

import { recordCheckOutcome } from "./checks";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES, describeAccount, tooManyVerificationsMessage } from "./messages";
import { getCredential } from "./queries";
import type { VerifyCredentialResult } from "./results";
import { credentialRefSchema } from "./schemas.browser-safe";
import { readCredentialSecret } from "./secret";
import { limitTokenChecks } from "./token-check-limit";

/**
 * Verifications of one credential a minute, whoever asks (its owner or anyone it is shared with),
 * counted in the database so every worker and instance shares the count. Each one spends the
 * owner's ClickUp allowance (about 100 calls a minute per token): with Workspace listing's 20
 * (lib/endpoints/list-workspaces.ts) the app spends at most 30 of them on one credential.
 */
const VERIFICATIONS_PER_CREDENTIAL_PER_MINUTE = 10;

/** "Verify now" (`{ id }`): asks the connector about the stored token again and records what it said. */
export async function verifyCredential(caller: Caller, input: unknown): Promise<VerifyCredentialResult> {
  const parsed = credentialRefSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  const { person } = caller;
  const found = await findCredentialFor(person, parsed.data.id, "see", {
    id: true,
    connector: true,
    accountId: true,
    authMethod: true,
  });
  const connector = found.ok ? findConnectorServer(found.row.connector) : undefined;
  if (!found.ok || !connector) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  const { row } = found;

  const secret = await readCredentialSecret(person, row.id, "see");
  if (!secret.ok) {
    if (secret.reason === "not-found") return fail("not-found", CREDENTIAL_MESSAGES.notFound);
    await recordCheckOutcome(
      { id: row.id, ...secret },
      { ok: false, unreadable: true },
      { trigger: "verify", actorName: actorName(caller) },
    );
    // An OAuth credential gets a new token by Reconnect (Replace token refuses it).
    const message =
      row.authMethod === "oauth" ? CREDENTIAL_MESSAGES.unreadableReconnect : CREDENTIAL_MESSAGES.unreadable;
    return fail("credential-unusable", message);
  }
  const checked = { id: row.id, name: secret.name, version: secret.version };
  const limited = (await limitTokenChecks(caller)) ?? (await limitVerifications(row.id));
  if (limited) return limited;
  const startedAt = new Date();
  // Spent from the token's rate budget; a call it has no room for is not a check (nothing was sent).
  const budgeted = await callWithinBudget(
    {
      token: secret.token,
      limitPerMinute: secret.callsPerMinute,
      use: { credentialId: row.id, personId: person.id, purpose: "verify" },
    },
    (options) => connector.verifyToken(secret.token, secret.authMethod, options),
  );
  if (budgeted.refused) return connectorFailureResult(budgeted.failure);
  const verified = budgeted.result;
  if (!verified.ok) {
    await recordCheckOutcome(checked, verified, { trigger: "verify", actorName: actorName(caller), startedAt });
    return connectorFailureResult(verified.failure);
  }
  const sameAccount = verified.account.id === row.accountId;
  const { displayName } = connector.definition;
  await recordCheckOutcome(
    checked,
    {
      ok: true,
      // Another account behind the token makes the credential "account changed" (lib/credential-watch/).
      account: verified.account,
      detail: sameAccount
        ? `${displayName} confirmed the token: ${describeAccount(verified.account)}.`
        : `${displayName} confirmed the token, but it now reports ${describeAccount(verified.account)}.`,
    },
    { trigger: "verify", actorName: actorName(caller), startedAt },
  );
  const credential = await getCredential(person, row.id);
  return credential ? { ok: true, data: credential } : fail("not-found", CREDENTIAL_MESSAGES.notFound);
}

/**
 * The per-credential cap, counted after the caller's own token-check limits: someone already
 * refused by those does not also use up the credential's minute for everyone else.
 */
async function limitVerifications(credentialId: string) {
  const decision = await consumeRateLimit(
    `verify:credential:${credentialId}`,
    VERIFICATIONS_PER_CREDENTIAL_PER_MINUTE,
    60_000,
  );
  if (decision.allowed) return undefined;
  return rateLimited(
    tooManyVerificationsMessage(VERIFICATIONS_PER_CREDENTIAL_PER_MINUTE, decision.retryAfterSeconds),
    decision.retryAt.toISOString(),
  );
}
