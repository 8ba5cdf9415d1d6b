import "server-only";

import { ALERT_TYPES, type AlertPayload } from "@/lib/alerts/types";
import type { ApiKeyView } from "@/lib/api-keys/results";
import { API_KEY_SCOPES } from "@/lib/api-keys/scopes.browser-safe";
import { CREDENTIAL_STATES } from "@/lib/credential-watch/states.browser-safe";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CredentialUse } from "@/lib/credentials/results";
import type { PublicEndpoint } from "@/lib/endpoints/public-endpoint";
import { FAILURE_REASONS } from "@/lib/failure-reasons.browser-safe";
import type { DeliveryView, WebhookView } from "@/lib/webhooks/results";
import { TEST_EVENT_TYPE } from "@/lib/webhooks/schemas.browser-safe";
import type { TestEventPayload } from "@/lib/webhooks/send-test-event";
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
    callsPerMinute: z.number().int().min(1).max(10_000).meta({
      description:
        "The rate budget of the credential's token: calls a minute to ClickUp, in any 60-second window, shared by every credential holding the same token (100 by default; ClickUp's Business Plus plan allows 1,000, Enterprise 10,000).",
    }),
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
    scope: z
      .enum([...API_KEY_SCOPES, "every"])
      .optional()
      .meta({ description: 'For 403 missing-scope: the API key scope the call needs ("every": all five).' }),
  })
  .meta({ id: "Problem" });

export const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "The key's first characters (cuk_ and 8 more): never the key." }),
    scopes: z.array(z.enum(API_KEY_SCOPES)).meta({ description: "Its API key scopes." }),
    everyScope: z.boolean().meta({ description: "All five scopes: what managing webhooks needs." }),
    madeBeforeScopes: z.boolean().meta({ description: "Made before keys had scopes: it keeps every scope." }),
    proxyTargets: z
      .array(z.object({ kind: z.enum(["credential", "source", "destination"]), id: z.string(), name: z.string() }))
      .nullable()
      .meta({
        description:
          "What it may call ClickUp through with the ClickUp proxy; null: anything its person may use; empty: nothing (what it named was deleted).",
      }),
    createdAt: timestamp,
    lastUsedAt: timestamp.nullable(),
    expiresAt: timestamp.nullable(),
    revokedAt: timestamp.nullable(),
  })
  .meta({ id: "ApiKey" });
export const apiKeyListSchema = z
  .object({ data: z.array(apiKeySchema) })
  .meta({ id: "ApiKeyList", description: "Your own keys, newest first, revoked and expired ones included." });

export const credentialCheckSchema = z
  .object({
    trigger: z.enum(["schedule", "verify", "use", "command", "proxy"]).meta({
      description:
        "What made the check: the schedule, Verify now, a use (listing Workspaces), `npm run credentials:check`, or ClickUp refusing the token through the ClickUp proxy.",
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

export const deliverySchema = z
  .object({
    id: z.string(),
    event: z.string().meta({ description: 'The alert type, or "webhook.test" for Send test event.' }),
    status: z.enum(["pending", "delivered", "failed"]),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable().meta({ description: "The HTTP status the last attempt got." }),
    lastError: z.string().meta({ description: 'Why the last attempt failed ("" when it did not).' }),
    createdAt: timestamp,
    deliveredAt: timestamp.nullable(),
    nextAttemptAt: timestamp.nullable().meta({ description: "When a pending delivery is tried next." }),
  })
  .meta({ id: "Delivery" });

const webhookFields = {
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()).meta({ description: "The alert types it receives." }),
  createdAt: timestamp,
  createdByName: z.string(),
  secretReadable: z.boolean().meta({
    description: "False when its signing secret no longer decrypts with the encryption keys: delete and add it again.",
  }),
  deliveries: z.array(deliverySchema).meta({ description: "Its most recent deliveries, newest first." }),
};

export const webhookSchema = z.object(webhookFields).meta({ id: "Webhook" });
export const webhookListSchema = z.object({ data: z.array(webhookSchema) }).meta({ id: "WebhookList" });
export const createdWebhookSchema = z
  .object({
    ...webhookFields,
    secret: z.string().meta({
      description:
        "The signing secret (whsec_…), answered this once: a receiver verifies each event's webhook-signature with it.",
    }),
  })
  .meta({ id: "CreatedWebhook" });

const alertEndpointSchema = z.object({
  id: z.string(),
  kind: z.enum(["source", "destination"]),
  name: z.string(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  url: z.string().optional().meta({ description: "Its page, when the installation sets APP_URL." }),
});

/** The body of every alert delivered to a webhook (lib/alerts/types.ts AlertPayload). */
export const alertEventSchema = z
  .object({
    id: z.string().meta({ description: "The alert's id, also the webhook-id header: drop a repeat by it." }),
    type: z.enum(ALERT_TYPES),
    timestamp,
    data: z.object({
      credential: z.object({
        id: z.string(),
        name: z.string(),
        connector: z.string(),
        state: z.string(),
        reason: z.string(),
        url: z.string().optional().meta({ description: "Its page, when the installation sets APP_URL." }),
      }),
      endpoints: z.array(alertEndpointSchema).meta({
        description:
          "For credential.* events, every source and destination using the credential; for endpoint.* events, the one it is about.",
      }),
    }),
  })
  .meta({ id: "AlertEvent" });

export const testEventSchema = z
  .object({
    id: z.string(),
    type: z.literal(TEST_EVENT_TYPE),
    timestamp,
    data: z.object({ webhook: z.object({ id: z.string() }) }),
  })
  .meta({ id: "TestEvent" });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const inStep: [
  Same<z.infer<typeof credentialSchema>, Omit<PublicCredential, never>>,
  Same<z.infer<typeof endpointSchema>, PublicEndpoint>,
  Same<z.infer<typeof credentialUseSchema>, CredentialUse>,
  Same<z.infer<typeof webhookSchema>, WebhookView>,
  Same<z.infer<typeof deliverySchema>, DeliveryView>,
  Same<z.infer<typeof alertEventSchema>, AlertPayload>,
  Same<z.infer<typeof testEventSchema>, TestEventPayload>,
  Same<z.infer<typeof apiKeySchema>, ApiKeyView>,
] = [true, true, true, true, true, true, true, true];
void inStep;
