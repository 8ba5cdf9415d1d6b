import "server-only";
import { connectorFailureResult, invalidInput, type ActionResult } from "@/lib/action-result";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { connectionKinds, type ConnectionKind } from "@/lib/connections/kinds";
import { sealSecret } from "@/lib/crypto/secret-box";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { getDb, inTransaction } from "@/lib/db/client";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { limitTokenChecks, type RequestContext } from "@/lib/security/token-check-limit";
import { recordCredentialEvent } from "./activity";
import { recordCheckOutcome } from "./checks";
import { credentialRefSchema, editCredentialSchema, replaceTokenSchema } from "./manage-schema";
import type { PublicCredential } from "./public-credential";
import { credentialNameKey } from "./schema";
import { credentialSecretContext, readCredentialSecret } from "./secret";
import { describeAccount, duplicateCredentialNameMessage, findCredential } from "./service";

export interface CredentialUse {
  id: string;
  kind: ConnectionKind;
  name: string;
  path: string;
}

export type VerifyCredentialResult = ActionResult<PublicCredential>;
export type EditCredentialResult = ActionResult<PublicCredential, "name" | "description">;
export type ReplaceTokenResult =
  | ActionResult<PublicCredential, "apiKey">
  | { ok: false; message: string; accountChange: { from: string; to: string } };
export type DeleteCredentialResult = ActionResult<{ name: string }> | { ok: false; message: string; usedBy: CredentialUse[] };

const NOT_FOUND = "This credential no longer exists (it may have been deleted). Go back to the credentials list.";
const STALE =
  "This credential was changed elsewhere (in another tab or by someone else) since you opened it. Nothing was saved: reload to see the latest version, then make your change again.";

async function loadRow(id: string) {
  return getDb().credential.findUnique({
    where: { id },
    select: { id: true, connector: true, name: true, description: true, version: true, accountId: true, accountName: true, accountEmail: true, secretLast4: true },
  });
}

async function reload(connector: string, id: string): Promise<ActionResult<PublicCredential>> {
  const credential = await findCredential(connector, id);
  return credential ? { ok: true, data: credential } : { ok: false, message: NOT_FOUND };
}

export async function listCredentialUses(credentialId: string): Promise<CredentialUse[]> {
  const rows = await getDb().connection.findMany({
    where: { credentialId },
    select: { id: true, kind: true, name: true },
    orderBy: [{ kind: "desc" }, { name: "asc" }],
  });
  return rows.map((row) => {
    const kind: ConnectionKind = row.kind === "destination" ? "destination" : "source";
    return { id: row.id, kind, name: row.name, path: `${connectionKinds[kind].basePath}/${row.id}` };
  });
}

/** "Verify now": asks the connector about the stored token again and records what it said. */
export async function verifyCredential(input: unknown, context: RequestContext): Promise<VerifyCredentialResult> {
  const parsed = credentialRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: NOT_FOUND };
  const row = await loadRow(parsed.data.id);
  const connector = row && findConnectorServer(row.connector);
  if (!row || !connector) return { ok: false, message: NOT_FOUND };

  const secret = await readCredentialSecret(row.connector, row.id);
  if (!secret.ok) {
    if (secret.reason === "not-found") return { ok: false, message: NOT_FOUND };
    await recordCheckOutcome({ id: row.id, ...secret }, { ok: false, unreadable: true });
    return { ok: false, message: "The stored token can no longer be decrypted. Replace the token to use this credential again." };
  }
  const checked = { id: row.id, name: secret.name, version: secret.version };
  const limited = await limitTokenChecks(context);
  if (limited) return limited;
  const verified = await connector.verifyApiKey(secret.token);
  if (!verified.ok) {
    await recordCheckOutcome(checked, verified);
    return connectorFailureResult(verified.failure);
  }
  const sameAccount = verified.account.id === row.accountId;
  await recordCheckOutcome(checked, {
    ok: true,
    ...(sameAccount ? { account: verified.account } : {}),
    detail: sameAccount
      ? `${connector.definition.displayName} confirmed the token: ${describeAccount(verified.account)}.`
      : `${connector.definition.displayName} confirmed the token, but it now reports ${describeAccount(verified.account)}.`,
  });
  return reload(row.connector, row.id);
}

/** Edit name and description; refuses if the credential changed since the page was loaded. */
export async function editCredential(input: unknown): Promise<EditCredentialResult> {
  const parsed = editCredentialSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "description"] as const, ["version"]);
  const { id, version, name, description } = parsed.data;
  const row = await loadRow(id);
  const connector = row && findConnectorServer(row.connector);
  if (!row || !connector) return { ok: false, message: NOT_FOUND };

  const changes = [
    row.name !== name && `name "${row.name}" → "${name}"`,
    row.description !== description && "description",
  ].filter(Boolean);
  try {
    const updated = await inTransaction(async (tx) => {
      // The version in the WHERE makes "check it is unchanged, then write" one atomic statement.
      const { count } = await tx.credential.updateMany({
        where: { id, version },
        data: { name, nameKey: credentialNameKey(name), description, version: { increment: 1 } },
      });
      if (count === 0) return false;
      await recordCredentialEvent({ credentialId: id, credentialName: name, type: "edited", detail: changes.length ? `Changed ${changes.join(" and ")}.` : "Saved without changes." }, tx);
      return true;
    });
    if (!updated) return { ok: false, message: STALE };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = duplicateCredentialNameMessage(name, connector.definition.displayName);
    return { ok: false, message, fieldErrors: { name: message } };
  }
  return reload(row.connector, id);
}

/**
 * Replace the token: the new one is verified before it replaces the old; if it belongs to another
 * account, nothing changes until the person confirms (every source using it would switch account).
 */
export async function replaceCredentialToken(input: unknown, context: RequestContext): Promise<ReplaceTokenResult> {
  const id = credentialRefSchema.safeParse(input).data?.id;
  const row = id ? await loadRow(id) : null;
  const connector = row && findConnectorServer(row.connector);
  if (!row || !connector) return { ok: false, message: NOT_FOUND };
  const parsed = replaceTokenSchema(connector.definition).safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["apiKey"] as const, ["version"]);
  const { version, apiKey, confirmAccountChange } = parsed.data;
  if (version !== row.version) return { ok: false, message: STALE };

  const limited = await limitTokenChecks(context);
  if (limited) return limited;
  const verified = await connector.verifyApiKey(apiKey);
  if (!verified.ok) return connectorFailureResult(verified.failure);
  const before = { name: row.accountName, email: row.accountEmail };
  if (verified.account.id !== row.accountId && !confirmAccountChange) {
    return {
      ok: false,
      message: `This token belongs to a different ${connector.definition.displayName} account. Every source and destination using "${row.name}" would switch to it.`,
      accountChange: { from: describeAccount(before), to: describeAccount(verified.account) },
    };
  }

  const sealed = sealSecret(getCredentialKeyRing(), apiKey, credentialSecretContext(row.id));
  const now = new Date();
  const replaced = await inTransaction(async (tx) => {
    const { count } = await tx.credential.updateMany({
      where: { id: row.id, version },
      data: {
        secretCiphertext: sealed.ciphertext,
        secretKeyId: sealed.keyId,
        secretLast4: apiKey.slice(-4),
        accountId: verified.account.id,
        accountName: verified.account.name,
        accountEmail: verified.account.email,
        lastVerifiedAt: now,
        lastCheckedAt: now,
        lastCheckStatus: "ok",
        lastCheckMessage: "",
        version: { increment: 1 },
      },
    });
    if (count === 0) return false;
    const accountNote =
      verified.account.id === row.accountId
        ? `same account, ${describeAccount(verified.account)}`
        : `account changed from ${describeAccount(before)} to ${describeAccount(verified.account)} (confirmed)`;
    await recordCredentialEvent(
      { credentialId: row.id, credentialName: row.name, type: "token_replaced", detail: `Token ending …${row.secretLast4} replaced by one ending …${apiKey.slice(-4)}; ${accountNote}.` },
      tx,
    );
    return true;
  });
  if (!replaced) return { ok: false, message: STALE };
  return reload(row.connector, row.id);
}

/** Delete, unless sources or destinations use it (the database's RESTRICT rule has the last word). */
export async function deleteCredential(input: unknown): Promise<DeleteCredentialResult> {
  const parsed = credentialRefSchema.safeParse(input);
  const row = parsed.success ? await loadRow(parsed.data.id) : null;
  if (!row) return { ok: false, message: NOT_FOUND };
  const refused = async (): Promise<DeleteCredentialResult> => {
    const usedBy = await listCredentialUses(row.id);
    return {
      ok: false,
      message: `"${row.name}" is used by ${usedBy.length} ${usedBy.length === 1 ? "source or destination" : "sources and destinations"}. Delete them or switch them to another credential first.`,
      usedBy,
    };
  };
  if ((await listCredentialUses(row.id)).length > 0) return refused();
  try {
    await inTransaction(async (tx) => {
      await tx.credential.delete({ where: { id: row.id } });
      await recordCredentialEvent({ credentialId: row.id, credentialName: row.name, type: "deleted", detail: `Deleted; the encrypted token was erased with it.` }, tx);
    });
  } catch (error) {
    // Put in use between the check above and the delete.
    if (isForeignKeyViolation(error)) return refused();
    throw error;
  }
  return { ok: true, data: { name: row.name } };
}
