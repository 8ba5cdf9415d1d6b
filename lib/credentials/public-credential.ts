/**
 * What of a credential may leave the server: never the ciphertext, never the token; at most its
 * last four characters. Pages and actions only ever return this shape.
 */
export interface PublicCredential {
  id: string;
  connector: string;
  name: string;
  description: string;
  account: { id: string; name: string; email: string };
  tokenLast4: string;
  lastVerifiedAt: string;
  createdAt: string;
  /** How many sources and destinations use it. */
  usageCount: number;
}

interface CredentialRow {
  id: string;
  connector: string;
  name: string;
  description: string;
  secretLast4: string;
  accountId: string;
  accountName: string;
  accountEmail: string;
  lastVerifiedAt: Date;
  createdAt: Date;
  _count?: { connections: number };
}

export function toPublicCredential(row: CredentialRow): PublicCredential {
  return {
    id: row.id,
    connector: row.connector,
    name: row.name,
    description: row.description,
    account: { id: row.accountId, name: row.accountName, email: row.accountEmail },
    tokenLast4: row.secretLast4,
    lastVerifiedAt: row.lastVerifiedAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    usageCount: row._count?.connections ?? 0,
  };
}
