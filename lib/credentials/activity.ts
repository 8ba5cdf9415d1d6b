import "server-only";

import { randomUUID } from "node:crypto";

import { getDb } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type CredentialEventType =
  | "created"
  | "verified"
  | "verify_failed"
  | "edited"
  | "token_replaced"
  /** The owner kept the account the connector now reports for the token (lib/credentials/keep-new-account.ts). */
  | "account_kept"
  | "workspaces_listed"
  | "key_rotated"
  | "shared"
  | "unshared"
  /** The owner turned a share's use through the ClickUp proxy on or off. */
  | "share_proxy_changed"
  | "owner_changed"
  | "deleted"
  | "endpoint_deleted"
  /** The watch: the credential's state changed, or an endpoint's Workspace access (lib/credential-watch/). */
  | "state_changed"
  /** Calls through the ClickUp proxy with one API key in one hour (lib/clickup-budget/roll-up-key-calls.ts). */
  | "api_calls";

export interface CredentialEventView {
  id: string;
  type: CredentialEventType;
  detail: string;
  /** Who did it ("" for the system, e.g. key rotation). */
  actorName: string;
  /** When it (first) happened. */
  createdAt: string;
  /** How many identical checks this entry stands for (lib/credentials/checks.ts); 1 for anything else. */
  times: number;
  /** When the last of them happened: `createdAt` when it happened once. */
  lastAt: string;
}

type Writer = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Appends to a credential's Activity. Callers pass only descriptions a person may read — never a
 * token (at most its last four characters).
 */
export async function recordCredentialEvent(
  event: {
    credentialId: string;
    credentialName: string;
    type: CredentialEventType;
    detail?: string;
    actorName?: string;
  },
  writer: Writer = getDb(),
): Promise<void> {
  // Raw SQL: every save, verification and edit writes one, and a Prisma model query costs about a
  // millisecond of CPU to compile each time (docs/performance.md).
  const { credentialId, credentialName, type, detail = "", actorName = "" } = event;
  await writer.$executeRaw`
    INSERT INTO "CredentialEvent" ("id", "credentialId", "credentialName", "type", "detail", "actorName", "createdAt")
    VALUES (${randomUUID()}, ${credentialId}, ${credentialName}, ${type}, ${detail}, ${actorName}, ${new Date()})`;
}
