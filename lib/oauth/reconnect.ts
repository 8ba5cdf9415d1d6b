import "server-only";

import { actorName, type SessionCaller } from "@/lib/auth/person";
import { getEnv } from "@/lib/config/env";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { toAuthMethod } from "@/lib/connectors/types.browser-safe";
import { acceptedStateColumns, recordStateChange } from "@/lib/credential-watch/record-state-change";
import { toCredentialState } from "@/lib/credential-watch/states.browser-safe";
import { recordCredentialEvent } from "@/lib/credentials/activity";
import { findCredentialFor } from "@/lib/credentials/find-credential-for";
import { describeAccount } from "@/lib/credentials/messages";
import { getCredential } from "@/lib/credentials/queries";
import { verifiedTokenColumns } from "@/lib/credentials/secret";
import { inTransaction } from "@/lib/db/client";

import { oauthFailed, type OAuthOutcome, type VerifiedOAuthToken } from "./outcome";
import type { PendingOAuthForm } from "./state-store";

/**
 * Reconnect's store step: the new access token replaces the credential's old one, if the person
 * may still manage it, it still connects with OAuth, and ClickUp authorised the same account.
 * Unlike Replace token there is no "confirm the account change": the person chose the account at
 * ClickUp, and every source using the credential would silently switch; they are told to add a
 * new credential for another account instead.
 */
export async function reconnectWithOAuth(
  caller: SessionCaller,
  form: PendingOAuthForm,
  credentialId: string,
  { accessToken, account }: VerifiedOAuthToken,
): Promise<OAuthOutcome> {
  const found = await findCredentialFor(caller.person, credentialId, "manage", {
    id: true,
    name: true,
    authMethod: true,
    accountId: true,
    secretLast4: true,
  });
  if (!found.ok || toAuthMethod(found.row.authMethod) !== "oauth") return oauthFailed("credential-gone", form);
  const { row } = found;
  if (account.id !== row.accountId) return oauthFailed("account-changed", form);

  const replaced = await inTransaction(async (tx) => {
    const now = new Date();
    const previous = await tx.credential.findUnique({ where: { id: row.id }, select: { state: true } });
    const recovers = previous !== null && toCredentialState(previous.state) !== "ok";
    const { count } = await tx.credential.updateMany({
      where: { id: row.id, authMethod: "oauth" },
      data: {
        ...verifiedTokenColumns(row.id, accessToken, account, now),
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
        connectorName: findConnectorServer(form.connector)?.definition.displayName ?? form.connector,
        actorName: actorName(caller),
        now,
      });
    await recordCredentialEvent(
      {
        credentialId: row.id,
        credentialName: row.name,
        type: "token_replaced",
        actorName: actorName(caller),
        detail: `Reconnected with OAuth: token ending …${row.secretLast4} replaced by one ending …${accessToken.slice(-4)}; same account, ${describeAccount(account)}.`,
      },
      tx,
    );
    return true;
  });
  const credential = replaced ? await getCredential(caller.person, row.id) : undefined;
  if (!credential) return oauthFailed("credential-gone", form);
  return { returnPath: form.returnPath, form, result: { ok: true, credential, reconnected: true } };
}
