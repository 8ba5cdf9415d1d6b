import type { ConnectionKind } from "./kinds";

/** What of a source/destination pages show (it holds no secret, but keep one shape for all reads). */
export interface PublicConnection {
  id: string;
  kind: ConnectionKind;
  connector: string;
  name: string;
  workspace: { id: string; name: string };
  credential: { id: string; name: string; accountName: string; accountEmail: string };
  createdAt: string;
  /** Set when it belongs to someone other than the viewer (only the app owner sees those). */
  ownerName?: string;
}

interface ConnectionRow {
  id: string;
  kind: string;
  connector: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  createdAt: Date;
  credential: { id: string; name: string; accountName: string; accountEmail: string };
  ownerId: string | null;
  owner: { name: string } | null;
}

export function toPublicConnection(row: ConnectionRow, viewerId: string): PublicConnection {
  return {
    id: row.id,
    kind: row.kind === "destination" ? "destination" : "source",
    connector: row.connector,
    name: row.name,
    workspace: { id: row.workspaceId, name: row.workspaceName },
    credential: {
      id: row.credential.id,
      name: row.credential.name,
      accountName: row.credential.accountName,
      accountEmail: row.credential.accountEmail,
    },
    createdAt: row.createdAt.toISOString(),
    ...(row.ownerId !== viewerId && row.owner ? { ownerName: row.owner.name } : {}),
  };
}

export const connectionCredentialSelect = {
  select: { id: true, name: true, accountName: true, accountEmail: true },
} as const;

export const connectionOwnerSelect = { select: { name: true } } as const;
