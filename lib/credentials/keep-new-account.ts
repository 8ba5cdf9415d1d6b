import "server-only";

import { actorName, type Caller } from "@/lib/auth/person";
import { getEnv } from "@/lib/config/env";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { acceptedStateColumns, recordStateChange } from "@/lib/credential-watch/record-state-change";
import { inTransaction } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { recordCredentialEvent } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES, describeAccount } from "./messages";
import { getCredential } from "./queries";
import type { KeepNewAccountResult } from "./results";
import { keepNewAccountSchema } from "./schemas.browser-safe";

/**
 * "Keep the new account" (`{ id, version }`), by the owner of a credential whose token the
 * connector now reports for another account: the credential takes that account as its own and is
 * ok again (a recovery, said once like Replace token's). The version is the one the page showed, and
 * the account kept is the one stored as reported when the page was read, so a newer report (another
 * account again, or the original back) is never kept unseen.
 */
export async function keepNewAccount(caller: Caller, input: unknown): Promise<KeepNewAccountResult> {
  const { person } = caller;
  const parsed = keepNewAccountSchema.safeParse(input);
  if (!parsed.success) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  const { id, version } = parsed.data;
  const found = await findCredentialFor(person, id, "manage", {
    id: true,
    connector: true,
    name: true,
    version: true,
    state: true,
    accountName: true,
    accountEmail: true,
    reportedAccountId: true,
    reportedAccountName: true,
    reportedAccountEmail: true,
  });
  if (!found.ok) return found;
  const { row } = found;
  const connector = findConnectorServer(row.connector);
  if (!connector) return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  if (version !== row.version) return fail("stale", CREDENTIAL_MESSAGES.stale);
  if (row.state !== "account_changed" || !row.reportedAccountId)
    return fail("conflict", CREDENTIAL_MESSAGES.notAccountChanged);
  const kept = {
    id: row.reportedAccountId,
    name: row.reportedAccountName ?? "",
    email: row.reportedAccountEmail ?? "",
  };

  const done = await inTransaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.credential.updateMany({
      where: { id: row.id, version, state: "account_changed", reportedAccountId: kept.id },
      data: {
        accountId: kept.id,
        accountName: kept.name,
        accountEmail: kept.email,
        ...acceptedStateColumns(now, getEnv().CREDENTIAL_CHECK_INTERVAL_SECONDS * 1000),
        stateChangedAt: now,
        version: { increment: 1 },
      },
    });
    if (count === 0) return false;
    const actor = actorName(caller);
    await recordCredentialEvent(
      {
        credentialId: row.id,
        credentialName: row.name,
        type: "account_kept",
        actorName: actor,
        detail: `Kept ${describeAccount(kept)} as this credential's account, instead of ${describeAccount({ name: row.accountName, email: row.accountEmail })}.`,
      },
      tx,
    );
    await recordStateChange(tx, row, {
      before: "account_changed",
      decision: { state: "ok", reason: "", reportedAccount: null },
      connectorName: connector.definition.displayName,
      actorName: actor,
      now,
    });
    return true;
  });
  if (!done) return fail("stale", CREDENTIAL_MESSAGES.stale);
  const credential = await getCredential(person, row.id);
  return credential ? { ok: true, data: credential } : fail("not-found", CREDENTIAL_MESSAGES.notFound);
}
