import "server-only";

import { randomUUID } from "node:crypto";

import { actorName, type Caller } from "@/lib/auth/person";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { getEnv } from "@/lib/config/env";
import type { AuthMethod, ConnectorAccount } from "@/lib/connectors/types.browser-safe";
import { nextCheckAfter } from "@/lib/credential-watch/schedule";
import { inTransaction } from "@/lib/db/client";

import { recordCredentialEvent } from "./activity";
import { toPublicCredentials, type PublicCredential } from "./public-credential";
import { credentialNameKey } from "./schemas.browser-safe";
import { verifiedTokenColumns } from "./secret";

/** A credential whose token the connector has just confirmed, ready to be stored. */
export interface VerifiedCredential {
  connector: string;
  name: string;
  description: string;
  authMethod: AuthMethod;
  token: string;
  account: ConnectorAccount;
  idempotencyKey?: string;
}

/**
 * Stores a verified credential, sealed, with its "created" Activity entry, in one transaction —
 * the last step of both Save (create-credential.ts) and Connect to ClickUp
 * (finish-oauth-connection.ts). `activity` is the entry's text: callers pass only what a person may
 * read (at most the token's last four characters). A name taken meanwhile fails with the unique
 * index's error, which each caller answers in its own way.
 */
export async function storeVerifiedCredential(
  caller: Caller,
  credential: VerifiedCredential,
  activity: string,
): Promise<PublicCredential> {
  const { connector, name, description, authMethod, token, account, idempotencyKey } = credential;
  const id = randomUUID();
  const now = new Date();
  const row = {
    id,
    connector,
    name,
    nameKey: credentialNameKey(name),
    description,
    authMethod,
    ...verifiedTokenColumns(id, token, account, now),
    state: "ok",
    stateReason: "",
    nextCheckAt: nextCheckAfter(now, { intervalMs: getEnv().CREDENTIAL_CHECK_INTERVAL_SECONDS * 1000 }),
    version: 1,
    createdAt: now,
    updatedAt: now,
    ownerId: caller.person.id,
    idempotencyKey: idempotencyKey ?? null,
  };
  await inTransaction(async (tx) => {
    // Raw SQL (as the Activity entry): a Prisma create costs about a millisecond of CPU to compile
    // on every save (docs/performance.md). Every column is given, so no default of either database
    // is relied on (SQLite's CURRENT_TIMESTAMP would not be stored the way Prisma stores dates).
    await tx.$executeRaw`
      INSERT INTO "Credential" ("id", "connector", "name", "nameKey", "description", "authMethod",
        "secretCiphertext", "secretKeyId", "secretLast4", "accountId", "accountName", "accountEmail",
        "lastVerifiedAt", "lastCheckedAt", "state", "stateReason", "stateChangedAt", "nextCheckAt",
        "inconclusiveSince", "inconclusiveCount", "reportedAccountId", "reportedAccountName",
        "reportedAccountEmail", "version", "createdAt", "updatedAt", "ownerId", "idempotencyKey")
      VALUES (${row.id}, ${row.connector}, ${row.name}, ${row.nameKey}, ${row.description}, ${row.authMethod},
        ${row.secretCiphertext}, ${row.secretKeyId}, ${row.secretLast4}, ${row.accountId}, ${row.accountName},
        ${row.accountEmail}, ${row.lastVerifiedAt}, ${row.lastCheckedAt}, ${row.state}, ${row.stateReason},
        ${null}, ${row.nextCheckAt}, ${null}, ${0}, ${null}, ${null}, ${null}, ${row.version}, ${row.createdAt},
        ${row.updatedAt}, ${row.ownerId}, ${row.idempotencyKey})`;
    await recordCredentialEvent(
      { credentialId: id, credentialName: name, type: "created", actorName: actorName(caller), detail: activity },
      tx,
    );
  });
  // Nothing can use a credential that did not exist a moment ago: no need to count (a query).
  return toPublicCredentials([{ ...row, _count: { endpoints: 0 } }], caller.person, getCredentialKeyRing().keys)[0];
}
