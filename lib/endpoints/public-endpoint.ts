import { toWorkspaceAccess, type WorkspaceAccess } from "@/lib/credential-watch/states.browser-safe";
import type { EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { toPlainLabel } from "@/lib/text-safety.browser-safe";

/** What of a source/destination pages show (it holds no secret, but keep one shape for all reads). */
export interface PublicEndpoint {
  id: string;
  kind: EndpointKind;
  connector: string;
  name: string;
  workspace: { id: string; name: string };
  credential: { id: string; name: string; accountName: string; accountEmail: string };
  /** "lost" when its credential no longer reaches the Workspace (lib/credential-watch/). */
  workspaceAccess: WorkspaceAccess;
  createdAt: string;
  /** Set when it belongs to someone other than the person looking (only the admin sees those). */
  ownerName?: string;
}

interface EndpointRow {
  id: string;
  kind: string;
  connector: string;
  name: string;
  workspaceId: string;
  workspaceName: string;
  workspaceAccess: string;
  createdAt: Date;
  credential: { id: string; name: string; accountName: string; accountEmail: string };
  ownerId: string | null;
  owner: { name: string } | null;
}

export function toPublicEndpoint(row: EndpointRow, personId: string): PublicEndpoint {
  return {
    id: row.id,
    kind: row.kind === "destination" ? "destination" : "source",
    connector: row.connector,
    name: row.name,
    // What ClickUp sent is cleaned when it answers (lib/connectors/clickup/responses.ts); again
    // here for rows stored before that.
    workspace: { id: row.workspaceId, name: toPlainLabel(row.workspaceName, 254) },
    credential: {
      id: row.credential.id,
      name: row.credential.name,
      accountName: toPlainLabel(row.credential.accountName, 254),
      accountEmail: toPlainLabel(row.credential.accountEmail, 254),
    },
    workspaceAccess: toWorkspaceAccess(row.workspaceAccess),
    createdAt: row.createdAt.toISOString(),
    ...(row.ownerId !== personId && row.owner ? { ownerName: row.owner.name } : {}),
  };
}

export const endpointCredentialSelect = {
  select: { id: true, name: true, accountName: true, accountEmail: true },
} as const;

export const endpointOwnerSelect = { select: { name: true } } as const;
