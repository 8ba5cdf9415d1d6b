import "server-only";

import { connectorFailureResult, invalidInput, type ActionResult } from "@/lib/action-result";
import { canManageCredential, canSeeConnection, credentialsVisibleTo } from "@/lib/auth/access";
import type { Viewer } from "@/lib/auth/viewer";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { connectionKinds, type ConnectionKind } from "@/lib/connections/kinds";
import { findConnectorServer } from "@/lib/connectors/server-registry";
import { sealSecret } from "@/lib/crypto/secret-box";
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
  /** Only for ones the viewer may open. */
  path?: string;
  /** Set when it is someone else's (e.g. a person the credential is shared with). */
  ownerName?: string;
}

export type VerifyCredentialResult = ActionResult<PublicCredential>;
export type EditCredentialResult = ActionResult<PublicCredential, "name" | "description">;
export type ReplaceTokenResult =
  | ActionResult<PublicCredential, "apiKey">
  | { ok: false; message: string; accountChange: { from: string; to: string } };
export type DeleteCredentialResult =
  ActionResult<{ name: string }> | { ok: false; message: string; usedBy: CredentialUse[] };

const NOT_FOUND = "This credential no longer exists (it may have been deleted). Go back to the credentials list.";
const OWNER_ONLY =
  "Only the credential's owner can change, share or delete it. It was shared with you for use in your own sources and destinations.";
const STALE =
  "This credential was changed elsewhere (in another tab or by someone else) since you opened it. Nothing was saved: reload to see the latest version, then make your change again.";

/** A credential the viewer may see (else null: not found, whoever's it is). */
async function loadRow(viewer: Viewer, id: string) {
  return getDb().credential.findFirst({
    where: { AND: [{ id }, credentialsVisibleTo(viewer)] },
    select: {
      id: true,
      connector: true,
      name: true,
      description: true,
      version: true,
      accountId: true,
      accountName: true,
      accountEmail: true,
      secretLast4: true,
      ownerId: true,
    },
  });
}

async function reload(viewer: Viewer, connector: string, id: string): Promise<ActionResult<PublicCredential>> {
  const credential = await findCredential(viewer, connector, id);
  return credential ? { ok: true, data: credential } : { ok: false, message: NOT_FOUND };
}

/**
 * The sources and destinations using a credential. Whoever may manage it sees all of them (they
 * are why it cannot be deleted), others only their own.
 */
export async function listCredentialUses(
  viewer: Viewer,
  credentialId: string,
  canManage: boolean,
): Promise<CredentialUse[]> {
  const rows = await getDb().connection.findMany({
    where: { AND: [{ credentialId }, canManage ? {} : { ownerId: viewer.id }] },
    select: { id: true, kind: true, name: true, ownerId: true, owner: { select: { name: true } } },
    orderBy: [{ kind: "desc" }, { name: "asc" }],
  });
  return rows.map((row) => {
    const kind: ConnectionKind = row.kind === "destination" ? "destination" : "source";
    const mayOpen = canSeeConnection(viewer, row.ownerId);
    return {
      id: row.id,
      kind,
      name: row.name,
      ...(mayOpen ? { path: `${connectionKinds[kind].basePath}/${row.id}` } : {}),
      ...(row.ownerId !== viewer.id && row.owner ? { ownerName: row.owner.name } : {}),
    };
  });
}

/** "Verify now": asks the connector about the stored token again and records what it said. */
export async function verifyCredential(input: unknown, context: RequestContext): Promise<VerifyCredentialResult> {
  const parsed = credentialRefSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: NOT_FOUND };
  const row = await loadRow(context.viewer, parsed.data.id);
  const connector = row && findConnectorServer(row.connector);
  if (!row || !connector) return { ok: false, message: NOT_FOUND };

  const secret = await readCredentialSecret(row.connector, row.id, credentialsVisibleTo(context.viewer));
  if (!secret.ok) {
    if (secret.reason === "not-found") return { ok: false, message: NOT_FOUND };
    await recordCheckOutcome(
      { id: row.id, ...secret },
      { ok: false, unreadable: true },
      "verified",
      context.viewer.name,
    );
    return {
      ok: false,
      message: "The stored token can no longer be decrypted. Replace the token to use this credential again.",
    };
  }
  const checked = { id: row.id, name: secret.name, version: secret.version };
  const limited = await limitTokenChecks(context);
  if (limited) return limited;
  const verified = await connector.verifyApiKey(secret.token);
  if (!verified.ok) {
    await recordCheckOutcome(checked, verified, "verified", context.viewer.name);
    return connectorFailureResult(verified.failure);
  }
  const sameAccount = verified.account.id === row.accountId;
  await recordCheckOutcome(
    checked,
    {
      ok: true,
      ...(sameAccount ? { account: verified.account } : {}),
      detail: sameAccount
        ? `${connector.definition.displayName} confirmed the token: ${describeAccount(verified.account)}.`
        : `${connector.definition.displayName} confirmed the token, but it now reports ${describeAccount(verified.account)}.`,
    },
    "verified",
    context.viewer.name,
  );
  return reload(context.viewer, row.connector, row.id);
}

/** Edit name and description; refuses if the credential changed since the page was loaded. */
export async function editCredential(viewer: Viewer, input: unknown): Promise<EditCredentialResult> {
  const parsed = editCredentialSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "description"] as const, ["version"]);
  const { id, version, name, description } = parsed.data;
  const row = await loadRow(viewer, id);
  const connector = row && findConnectorServer(row.connector);
  if (!row || !connector) return { ok: false, message: NOT_FOUND };
  if (!canManageCredential(viewer, row.ownerId)) return { ok: false, message: OWNER_ONLY };

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
      await recordCredentialEvent(
        {
          credentialId: id,
          credentialName: name,
          type: "edited",
          actorName: viewer.name,
          detail: changes.length ? `Changed ${changes.join(" and ")}.` : "Saved without changes.",
        },
        tx,
      );
      return true;
    });
    if (!updated) return { ok: false, message: STALE };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const message = duplicateCredentialNameMessage(name, connector.definition.displayName);
    return { ok: false, message, fieldErrors: { name: message } };
  }
  return reload(viewer, row.connector, id);
}

/**
 * Replace the token: the new one is verified before it replaces the old; if it belongs to another
 * account, nothing changes until the person confirms (every source using it would switch account).
 */
export async function replaceCredentialToken(input: unknown, context: RequestContext): Promise<ReplaceTokenResult> {
  const id = credentialRefSchema.safeParse(input).data?.id;
  const row = id ? await loadRow(context.viewer, id) : null;
  const connector = row && findConnectorServer(row.connector);
  if (!row || !connector) return { ok: false, message: NOT_FOUND };
  if (!canManageCredential(context.viewer, row.ownerId)) return { ok: false, message: OWNER_ONLY };
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
      {
        credentialId: row.id,
        credentialName: row.name,
        type: "token_replaced",
        actorName: context.viewer.name,
        detail: `Token ending …${row.secretLast4} replaced by one ending …${apiKey.slice(-4)}; ${accountNote}.`,
      },
      tx,
    );
    return true;
  });
  if (!replaced) return { ok: false, message: STALE };
  return reload(context.viewer, row.connector, row.id);
}

/** Delete, unless sources or destinations use it (the database's RESTRICT rule has the last word). */
export async function deleteCredential(viewer: Viewer, input: unknown): Promise<DeleteCredentialResult> {
  const parsed = credentialRefSchema.safeParse(input);
  const row = parsed.success ? await loadRow(viewer, parsed.data.id) : null;
  if (!row) return { ok: false, message: NOT_FOUND };
  if (!canManageCredential(viewer, row.ownerId)) return { ok: false, message: OWNER_ONLY };
  const refused = async (): Promise<DeleteCredentialResult> => {
    const usedBy = await listCredentialUses(viewer, row.id, true);
    return {
      ok: false,
      message: `"${row.name}" is used by ${usedBy.length} ${usedBy.length === 1 ? "source or destination" : "sources and destinations"}. Delete them or switch them to another credential first.`,
      usedBy,
    };
  };
  if ((await listCredentialUses(viewer, row.id, true)).length > 0) return refused();
  try {
    await inTransaction(async (tx) => {
      await tx.credential.delete({ where: { id: row.id } });
      await recordCredentialEvent(
        {
          credentialId: row.id,
          credentialName: row.name,
          type: "deleted",
          actorName: viewer.name,
          detail: `Deleted; the encrypted token was erased with it.`,
        },
        tx,
      );
    });
  } catch (error) {
    // Put in use between the check above and the delete.
    if (isForeignKeyViolation(error)) return refused();
    throw error;
  }
  return { ok: true, data: { name: row.name } };
}
