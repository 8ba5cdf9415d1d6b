import "server-only";

import { actorName, type Caller } from "@/lib/auth/person";
import { connectorFailureResult } from "@/lib/connectors/failure-result";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { recordCheckOutcome } from "./checks";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES, describeAccount } from "./messages";
import { getCredential } from "./queries";
import type { VerifyCredentialResult } from "./results";
import { credentialRefSchema } from "./schemas.browser-safe";
import { readCredentialSecret } from "./secret";
import { limitTokenChecks } from "./token-check-limit";

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
    await recordCheckOutcome({ id: row.id, ...secret }, { ok: false, unreadable: true }, "verified", actorName(caller));
    // An OAuth credential gets a new token by Reconnect (Replace token refuses it).
    const message =
      row.authMethod === "oauth" ? CREDENTIAL_MESSAGES.unreadableReconnect : CREDENTIAL_MESSAGES.unreadable;
    return fail("credential-unusable", message);
  }
  const checked = { id: row.id, name: secret.name, version: secret.version };
  const limited = await limitTokenChecks(caller);
  if (limited) return limited;
  const verified = await connector.verifyToken(secret.token, secret.authMethod);
  if (!verified.ok) {
    await recordCheckOutcome(checked, verified, "verified", actorName(caller));
    return connectorFailureResult(verified.failure);
  }
  const sameAccount = verified.account.id === row.accountId;
  const { displayName } = connector.definition;
  await recordCheckOutcome(
    checked,
    {
      ok: true,
      ...(sameAccount ? { account: verified.account } : {}),
      detail: sameAccount
        ? `${displayName} confirmed the token: ${describeAccount(verified.account)}.`
        : `${displayName} confirmed the token, but it now reports ${describeAccount(verified.account)}.`,
    },
    "verified",
    actorName(caller),
  );
  const credential = await getCredential(person, row.id);
  return credential ? { ok: true, data: credential } : fail("not-found", CREDENTIAL_MESSAGES.notFound);
}
