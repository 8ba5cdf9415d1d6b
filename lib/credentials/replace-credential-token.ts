import "server-only";

import { invalidInput } from "@/lib/action-result.browser-safe";
import { actorName, type Caller } from "@/lib/auth/person";
import { getEnv } from "@/lib/config/env";
import { connectorFailureResult } from "@/lib/connectors/failure-result";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { toAuthMethod } from "@/lib/connectors/types.browser-safe";
import { acceptedStateColumns, recordStateChange } from "@/lib/credential-watch/record-state-change";
import { toCredentialState } from "@/lib/credential-watch/states.browser-safe";
import { inTransaction } from "@/lib/db/client";
import { accountChanged, fail } from "@/lib/failure-reasons.browser-safe";

import { recordCredentialEvent } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES, describeAccount } from "./messages";
import { getCredential } from "./queries";
import type { ReplaceTokenResult } from "./results";
import { credentialRefSchema, replaceTokenSchema } from "./schemas.browser-safe";
import { verifiedTokenColumns } from "./secret";
import { limitTokenChecks } from "./token-check-limit";

/**
 * Replace the token (`{ id, version, apiKey, confirmAccountChange? }`): the new one is verified
 * before it replaces the old; if it belongs to another account, nothing changes until the person
 * confirms (every source using it would switch account).
 */
export async function replaceCredentialToken(caller: Caller, input: unknown): Promise<ReplaceTokenResult> {
  const { person } = caller;
  const id = credentialRefSchema.safeParse(input).data?.id;
  if (!id) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  const found = await findCredentialFor(person, id, "manage", {
    id: true,
    connector: true,
    name: true,
    version: true,
    accountId: true,
    accountName: true,
    accountEmail: true,
    secretLast4: true,
    authMethod: true,
  });
  if (!found.ok) return found;
  const { row } = found;
  // A personal token stored on an OAuth credential would be sent as Bearer, which ClickUp refuses.
  if (toAuthMethod(row.authMethod) === "oauth") return fail("reconnect-instead", CREDENTIAL_MESSAGES.reconnectInstead);
  const connector = findConnectorServer(row.connector);
  if (!connector) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  // The key's rules are the connector's, so the input is parsed once the connector is known.
  const parsed = replaceTokenSchema(connector.definition).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["apiKey"] as const, ["version"]);
  const { version, apiKey, confirmAccountChange } = parsed.data;
  if (version !== row.version) return fail("stale", CREDENTIAL_MESSAGES.stale);

  const limited = await limitTokenChecks(caller);
  if (limited) return limited;
  const verified = await connector.verifyToken(apiKey);
  if (!verified.ok) return connectorFailureResult(verified.failure);
  const before = { name: row.accountName, email: row.accountEmail };
  const sameAccount = verified.account.id === row.accountId;
  if (!sameAccount && !confirmAccountChange) {
    return accountChanged(
      `This token belongs to a different ${connector.definition.displayName} account. Every source and destination using "${row.name}" would switch to it.`,
      { from: describeAccount(before), to: describeAccount(verified.account) },
    );
  }

  const replaced = await inTransaction(async (tx) => {
    const now = new Date();
    const previous = await tx.credential.findUnique({ where: { id: row.id }, select: { state: true } });
    const recovers = previous !== null && toCredentialState(previous.state) !== "ok";
    const { count } = await tx.credential.updateMany({
      where: { id: row.id, version },
      data: {
        ...verifiedTokenColumns(row.id, apiKey, verified.account, now),
        ...acceptedStateColumns(now, getEnv().CREDENTIAL_CHECK_INTERVAL_SECONDS * 1000),
        ...(recovers ? { stateChangedAt: now } : {}),
        version: { increment: 1 },
      },
    });
    if (count === 0) return false;
    // Replace token and Reconnect are recoveries too: said once, like the schedule's.
    if (recovers)
      await recordStateChange(tx, row, {
        before: toCredentialState(previous?.state),
        decision: { state: "ok", reason: "", reportedAccount: null },
        connectorName: connector.definition.displayName,
        actorName: actorName(caller),
        now,
      });
    const accountNote = sameAccount
      ? `same account, ${describeAccount(verified.account)}`
      : `account changed from ${describeAccount(before)} to ${describeAccount(verified.account)} (confirmed)`;
    await recordCredentialEvent(
      {
        credentialId: row.id,
        credentialName: row.name,
        type: "token_replaced",
        actorName: actorName(caller),
        detail: `Token ending …${row.secretLast4} replaced by one ending …${apiKey.slice(-4)}; ${accountNote}.`,
      },
      tx,
    );
    return true;
  });
  if (!replaced) return fail("stale", CREDENTIAL_MESSAGES.stale);
  const credential = await getCredential(person, row.id);
  return credential ? { ok: true, data: credential } : fail("not-found", CREDENTIAL_MESSAGES.notFound);
}
