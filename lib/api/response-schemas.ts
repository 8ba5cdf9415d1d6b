import "server-only";

import { CREDENTIAL_STATES } from "@/lib/credential-watch/states.browser-safe";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CredentialUse } from "@/lib/credentials/results";
import type { PublicEndpoint } from "@/lib/endpoints/public-endpoint";
import { FAILURE_REASONS } from "@/lib/failure-reasons.browser-safe";
import { z } from "@/lib/zod";

// What the API answers, as zod schemas for the OpenAPI document. The types the commands return
// are TypeScript interfaces; the `Same` checks below fail to compile when a schema and its type
// differ in any field, so the document cannot drift from what is sent.

const timestamp = z.string().meta({ format: "date-time" });

export const credentialSchema = z
  .object({
    id: z.string(),
    connector: z.string(),
    name: z.string(),
    description: z.string(),
    account: z.object({ id: z.string(), name: z.string(), email: z.string() }),
    authMethod: z.enum(["api-key", "oauth"]).meta({
      description: 'How the token was obtained: "api-key" (a personal token) or "oauth" (Connect to ClickUp).',
    }),
    tokenLast4: z.string().meta({ description: "The only part of the token ever shown." }),
    lastVerifiedAt: timestamp,
    createdAt: timestamp,
    usageCount: z.number().int(),
    version: z.number().int().meta({ description: 'Also the ETag ("v<version>"): send it as If-Match.' }),
    state: z.enum(CREDENTIAL_STATES).meta({
      description:
        'What the latest conclusive check with ClickUp said: "ok"; "broken" (ClickUp refuses the token); "account_changed" (it now belongs to another ClickUp account); "unknown" (ClickUp could not be asked for over two check intervals); "unreadable" (the stored token can no longer be decrypted).',
    }),
    stateReason: z.string().meta({ description: 'Why, for every state but "ok" ("" then).' }),
    stateChangedAt: timestamp.nullable(),
    health: z.object({
      state: z.enum(["ok", "needs-attention", "needs-reentry"]),
      reason: z.string(),
      checkedAt: timestamp.nullable(),
    }),
    ownerName: z.string().nullable(),
    ownerEmail: z.string().nullable(),
    access: z.enum(["own", "shared", "admin"]),
    looksLike: z.string().nullable(),
  })
  .meta({ id: "Credential" });

export const endpointSchema = z
  .object({
    id: z.string(),
    kind: z.enum(["source", "destination"]),
    connector: z.string(),
    name: z.string(),
    workspace: z.object({ id: z.string(), name: z.string() }),
    credential: z.object({ id: z.string(), name: z.string(), accountName: z.string(), accountEmail: z.string() }),
    workspaceAccess: z.enum(["ok", "lost"]).meta({
      description: '"lost" when its credential no longer reaches the Workspace (the credential itself may be fine).',
    }),
    createdAt: timestamp,
    ownerName: z.string().optional(),
  })
  .meta({ id: "Endpoint" });

export const credentialUseSchema = z.object({
  id: z.string(),
  kind: z.enum(["source", "destination"]),
  name: z.string(),
  path: z.string().optional(),
  ownerName: z.string().optional(),
});

export const connectorSchema = z
  .object({ id: z.string(), displayName: z.string(), workspaceLabel: z.string() })
  .meta({ id: "Connector" });

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "Where this code is explained (/api/docs#problem-<code>)." }),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(FAILURE_REASONS).meta({ description: "Why: one of a closed list, stable across wording changes." }),
    detail: z.string().meta({ description: "The same sentence the pages show." }),
    errors: z.record(z.string(), z.string()).optional().meta({ description: "Field → message, for 422." }),
    usedBy: z.array(credentialUseSchema).optional(),
    accountChange: z.object({ from: z.string(), to: z.string() }).optional(),
    retryAt: timestamp.optional(),
  })
  .meta({ id: "Problem" });

export const credentialCheckSchema = z
  .object({
    trigger: z.enum(["schedule", "verify", "use", "command"]).meta({
      description:
        "What made the check: the schedule, Verify now, a use (listing Workspaces), or `npm run credentials:check`.",
    }),
    outcome: z.enum(["ok", "broken", "account_changed", "unreadable", "inconclusive"]).meta({
      description: '"inconclusive": ClickUp down, slow or rate limiting — it says nothing about the token.',
    }),
    detail: z.string(),
    durationMs: z.number().int(),
    checkedAt: timestamp,
  })
  .meta({ id: "CredentialCheck" });
export const credentialCheckListSchema = z
  .object({ data: z.array(credentialCheckSchema) })
  .meta({ id: "CredentialCheckList", description: "The latest checks, newest first (at most 50 are kept)." });

export const credentialPageSchema = z
  .object({ data: z.array(credentialSchema), nextCursor: z.string().nullable() })
  .meta({ id: "CredentialPage" });
export const endpointListSchema = z.object({ data: z.array(endpointSchema) }).meta({ id: "EndpointList" });
export const connectorListSchema = z.object({ data: z.array(connectorSchema) }).meta({ id: "ConnectorList" });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inStep: [
  Same<z.infer<typeof credentialSchema>, Omit<PublicCredential, never>>,
  Same<z.infer<typeof endpointSchema>, PublicEndpoint>,
  Same<z.infer<typeof credentialUseSchema>, CredentialUse>,
] = [true, true, true];
void inStep;
