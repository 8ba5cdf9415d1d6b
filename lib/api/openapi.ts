import "server-only";

import { API_KEY_SCOPE_MEANINGS, API_KEY_SCOPES } from "@/lib/api-keys/scopes.browser-safe";
import { connectorDefinitions } from "@/lib/connectors/catalog.browser-safe";
import { clickUpDefinition } from "@/lib/connectors/clickup/definition.browser-safe";
import {
  callsPerMinuteSchema,
  credentialDescriptionSchema,
  credentialNameSchema,
  newCredentialSchema,
} from "@/lib/credentials/schemas.browser-safe";
import { endpointFormSchema } from "@/lib/endpoints/schemas.browser-safe";
import type { FailureReason } from "@/lib/failure-reasons.browser-safe";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";
import { newWebhookSchema } from "@/lib/webhooks/schemas.browser-safe";
import { z } from "@/lib/zod";

import { webhookEvents } from "./openapi-webhooks";
import {
  API_KEY_OPERATIONS,
  CLICKUP_PROXY_METHODS,
  clickUpProxyOperations,
  CONNECTOR_OPERATIONS,
  CREDENTIAL_OPERATIONS,
  endpointOperations,
  operationReasons,
  WEBHOOK_OPERATIONS,
  type ApiOperation,
} from "./operations";
import { REASON_STATUS } from "./reason-status";
import {
  apiKeyListSchema,
  connectorListSchema,
  createdWebhookSchema,
  credentialCheckListSchema,
  credentialPageSchema,
  credentialSchema,
  deliverySchema,
  endpointListSchema,
  endpointSchema,
  webhookListSchema,
} from "./response-schemas";
import { credentialListQuerySchema } from "./schemas";

// The OpenAPI 3.1 document of /api/v1, generated from the zod schemas the commands parse (request
// bodies) and those the answers are checked against (lib/api/response-schemas.ts), with zod's own
// JSON Schema output (2020-12, which OpenAPI 3.1 uses as is). Only paths and status codes are
// written here; no schema is copied by hand.

type JsonSchema = Record<string, unknown>;

/** A schema as JSON Schema; a named one (meta id: the responses) as a $ref to its component. */
function schemaOf(schema: z.core.$ZodType, io: "input" | "output"): JsonSchema {
  const id = z.globalRegistry.get(schema)?.id;
  if (id) return { $ref: `#/components/schemas/${id}` };
  const { $schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  void $schema;
  return rest;
}

/** The named response schemas, each with its nested named ones as $refs. */
function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(z.globalRegistry, {
    io: "output",
    unrepresentable: "any",
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema, id: _id, ...rest } = schema as JsonSchema;
      void $schema;
      void _id;
      return [id, rest];
    }),
  );
}

const idParameter = { name: "id", in: "path", required: true, schema: { type: "string", pattern: ID_PATTERN.source } };
const json = (schema: z.core.$ZodType) => ({ "application/json": { schema: schemaOf(schema, "output") } });
const body = (schema: z.core.$ZodType) => ({
  required: true,
  content: { "application/json": { schema: schemaOf(schema, "input") } },
});
/** What each status means, whichever of its codes is answered. */
const STATUS_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (not JSON, bad query, bad If-Match or Idempotency-Key, a broken %-escape in the path, or a form posted from elsewhere)",
  401: "Missing, unknown, revoked or expired API key",
  403: "The API key lacks the scope this call needs",
  404: "Not found, or not the caller's",
  409: "Conflicts with the record's state (in use, another ClickUp account, reconnect instead)",
  412: "If-Match names an older version",
  421: "The request named a host name this installation does not serve (set APP_URL or ALLOWED_HOSTS)",
  413: "Body larger than 32 KiB",
  422: "Understood but not done: validation failed (errors), ClickUp refused the token, or the credential cannot be used",
  429: "Too many attempts; see Retry-After",
  500: "A bug; nothing was changed",
  502: "ClickUp could not be reached or answered with something other than its API; nothing was changed",
  503: "The database is busy or unreachable; nothing was changed. See Retry-After",
  507: "The database is out of space; nothing was changed",
};

/**
 * An operation's operationId, the API key scopes it needs and its problem answers, from its
 * declaration (lib/api/operations.ts): per status, the Problem schema with `code` narrowed to the
 * reasons it may answer there. The scopes go in its security requirement, which OpenAPI 3.1
 * allows for any scheme ("role names"): generators and readers find them where they look.
 */
function declared(operation: ApiOperation) {
  const byStatus = new Map<number, FailureReason[]>();
  for (const reason of operationReasons(operation)) {
    const status = REASON_STATUS[reason];
    byStatus.set(status, [...(byStatus.get(status) ?? []), reason]);
  }
  const responses = Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: `${STATUS_DESCRIPTIONS[status] ?? "Problem"} (code: ${codes.join(", ")})`,
        content: {
          "application/problem+json": {
            schema: {
              allOf: [{ $ref: "#/components/schemas/Problem" }, { properties: { code: { enum: codes } } }],
            },
          },
        },
      },
    ]),
  );
  const scopes = operation.scope === null ? [] : operation.scope === "every" ? [...API_KEY_SCOPES] : [operation.scope];
  return { operationId: operation.id, security: [{ apiKey: scopes }], responses };
}

/** An operation object: its declaration's operationId, and the answers on success beside its problems. */
function operationObject(
  operation: ApiOperation,
  fields: Record<string, unknown>,
  success: Record<string, unknown>,
): Record<string, unknown> {
  const { operationId, security, responses } = declared(operation);
  return { operationId, ...fields, security, responses: { ...success, ...responses } };
}

const idempotencyKeyHeader = {
  name: "Idempotency-Key",
  in: "header",
  required: false,
  schema: { type: "string", format: "uuid" },
  description: "A repeat with the same key and details answers with what the first request created.",
};

const etagHeader = { ETag: { schema: { type: "string" }, description: 'The version, as "v<version>"' } };
const ifMatch = {
  name: "If-Match",
  in: "header",
  required: false,
  schema: { type: "string" },
  description: "The ETag you read; a newer version answers 412. Without it the change applies to the current one.",
};

// A token's rules are its connector's; with the one connector there is, the document gives its
// rules (a second one would make these bodies a oneOf per connector).
const [documentedConnector] = connectorDefinitions;
const newCredentialBody = z.object({
  ...newCredentialSchema(documentedConnector).shape,
  connector: z.enum(connectorDefinitions.map(({ id }) => id)),
});
const editBody = z.object({
  name: z.optional(credentialNameSchema),
  description: z.optional(credentialDescriptionSchema),
  callsPerMinute: z.optional(callsPerMinuteSchema),
});
const tokenBody = z.object({ apiKey: documentedConnector.token.schema, confirmAccountChange: z.optional(z.boolean()) });
const newEndpointBody = z.object({ ...endpointFormSchema.shape, credentialId: z.string().regex(ID_PATTERN) });
const renameBody = z.object({ name: endpointFormSchema.shape.name });

function queryParameters(schema: z.ZodObject): JsonSchema[] {
  return Object.entries(schema.shape).map(([name, field]) => ({
    name,
    in: "query",
    required: false,
    schema: schemaOf(field as z.core.$ZodType, "input"),
  }));
}

function endpointPaths(kind: "source" | "destination") {
  const tag = `${kind[0].toUpperCase()}${kind.slice(1)}s`;
  const operations = endpointOperations(kind);
  const endpointAnswer = { description: "OK", content: json(endpointSchema) };
  return {
    [`/api/v1/${kind}s`]: {
      get: operationObject(
        operations.list,
        { tags: [tag], summary: `List ${kind}s` },
        { 200: { description: "OK", content: json(endpointListSchema) } },
      ),
      post: operationObject(
        operations.create,
        {
          tags: [tag],
          summary: `Create a ${kind} (the Workspace is checked with ClickUp)`,
          parameters: [idempotencyKeyHeader],
          requestBody: body(newEndpointBody),
        },
        { 201: { description: "Created", content: json(endpointSchema) } },
      ),
    },
    [`/api/v1/${kind}s/{id}`]: {
      parameters: [idParameter],
      get: operationObject(operations.get, { tags: [tag], summary: `Get a ${kind}` }, { 200: endpointAnswer }),
      patch: operationObject(
        operations.rename,
        { tags: [tag], summary: `Rename a ${kind}`, requestBody: body(renameBody) },
        { 200: endpointAnswer },
      ),
      delete: operationObject(
        operations.delete,
        { tags: [tag], summary: `Delete a ${kind}` },
        { 204: { description: "Deleted" } },
      ),
    },
  };
}

const clickUpPathParameter = {
  name: "path",
  in: "path",
  required: true,
  schema: { type: "string", pattern: "^[A-Za-z0-9_-]+((/|%2[Ff])[A-Za-z0-9_-]+)*$" },
  description:
    "The ClickUp API v2 path after /api/v2/, e.g. `list/901/task`: segments of letters, digits, `-` and `_`, joined by `/` or `%2F` (what a typed client sends for a path parameter). Anything else (`.`, `..`, `%2e`, `@`, `:`, an empty segment) is refused with 400 `malformed` before ClickUp is called.",
};

/**
 * /api/v1/{credentials,sources,destinations}/{id}/clickup/{path}: the ClickUp proxy. The query and
 * body go to ClickUp as sent; ClickUp's answer comes back as ClickUp sent it (any status, its body,
 * X-RateLimit-* and Retry-After), marked `X-Answered-By: clickup`. Our own refusals are problems.
 */
function clickUpProxyPaths() {
  const through = [
    ["credential", "a credential"],
    ["source", "a source's credential"],
    ["destination", "a destination's credential"],
  ] as const;
  const clickUpAnswer = {
    description:
      "ClickUp's own answer, whatever its status (2xx, or ClickUp's error such as 401 OAUTH_*, 404 or 429), passed through with its body and content type. Marked `X-Answered-By: clickup`; ClickUp's error bodies are ClickUp's `{err, ECODE}`, not problem details.",
    headers: {
      "X-Answered-By": {
        schema: { const: clickUpDefinition.id },
        description: "The answer is ClickUp's, passed through.",
      },
      "X-RateLimit-Limit": { schema: { type: "string" }, description: "ClickUp's, for the token" },
      "X-RateLimit-Remaining": { schema: { type: "string" }, description: "ClickUp's, for the token" },
      "X-RateLimit-Reset": { schema: { type: "string" }, description: "ClickUp's (Unix seconds)" },
    },
    content: { "*/*": { schema: {} } },
  };
  return Object.fromEntries(
    through.map(([kind, what]) => {
      const operations = clickUpProxyOperations(kind);
      const methods = Object.fromEntries(
        CLICKUP_PROXY_METHODS.map((method) => {
          const withBody = method === "POST" || method === "PUT" || method === "PATCH";
          return [
            method.toLowerCase(),
            operationObject(
              operations[method],
              {
                tags: ["ClickUp proxy"],
                summary: `${method} ClickUp's /api/v2/{path} with the token of ${what}`,
                description:
                  "Needs an API key with the `proxy` scope, the person's use of the credential (their own, or shared with ClickUp proxy use on), and a place in the token's rate budget: over it the call waits, then is answered 429 `rate-limited` with Retry-After by this API (not ClickUp). A 401 or OAUTH_* answer from ClickUp makes the app check the token with /user at once.",
                ...(withBody
                  ? {
                      requestBody: {
                        required: false,
                        description: "Passed to ClickUp as sent (JSON, or multipart for attachments), up to 10 MiB.",
                        content: { "*/*": { schema: {} } },
                      },
                    }
                  : {}),
              },
              { default: clickUpAnswer },
            ),
          ];
        }),
      );
      return [`/api/v1/${kind}s/{id}/clickup/{path}`, { parameters: [idParameter, clickUpPathParameter], ...methods }];
    }),
  );
}

/** /api/v1/webhooks: the admin's; anyone else is answered 404 `admin-only`. */
function webhookPaths() {
  const tags = ["Webhooks"];
  return {
    "/api/v1/webhooks": {
      get: operationObject(
        WEBHOOK_OPERATIONS.list,
        { tags, summary: "List webhooks, each with its recent deliveries (admin only)" },
        { 200: { description: "OK", content: json(webhookListSchema) } },
      ),
      post: operationObject(
        WEBHOOK_OPERATIONS.create,
        {
          tags,
          summary: "Add a webhook; its signing secret is answered this once (admin only)",
          requestBody: body(newWebhookSchema),
        },
        { 201: { description: "Created", content: json(createdWebhookSchema) } },
      ),
    },
    "/api/v1/webhooks/{id}": {
      parameters: [idParameter],
      delete: operationObject(
        WEBHOOK_OPERATIONS.delete,
        { tags, summary: "Delete a webhook and its delivery log (admin only)" },
        { 204: { description: "Deleted" } },
      ),
    },
    "/api/v1/webhooks/{id}/test": {
      parameters: [idParameter],
      post: operationObject(
        WEBHOOK_OPERATIONS.sendTestEvent,
        {
          tags,
          summary: "Send test event: webhook.test, now, once; answers how the attempt went (admin only)",
        },
        { 200: { description: "The attempt, delivered or failed", content: json(deliverySchema) } },
      ),
    },
  };
}

/** The security scheme's description: what a key is, and each scope an operation may name. */
function apiKeyDescription(): string {
  const scopes = API_KEY_SCOPES.map((scope) => `\`${scope}\`: ${API_KEY_SCOPE_MEANINGS[scope]}`).join(" ");
  return `A personal API key (cuk_…), made on the API keys page with the API key scopes chosen there. Each operation's security requirement names the scope it needs (all five: every scope, which webhooks need; none: any key); a key without it is answered 403 \`missing-scope\`. ${scopes} Keys made before scopes have every scope.`;
}

/** The document served at /api/v1/openapi.json. */
export function openApiDocument(): JsonSchema {
  const credentialAnswer = { description: "OK", headers: etagHeader, content: json(credentialSchema) };
  const credentials = CREDENTIAL_OPERATIONS;
  return {
    openapi: "3.1.0",
    info: {
      title: "Connector credentials API",
      version: "1",
      description:
        "Credentials, sources and destinations, on the same services as the app's pages. Authenticate with a personal API key from the API keys page: `Authorization: Bearer <key>`. Each operation names the API key scope it needs in its security requirement (see the apiKey security scheme); a key without it is answered 403 `missing-scope`. Errors are RFC 9457 problem details whose `code` says why (one of a closed list; each operation lists the codes it may answer per status). A path under /api/v1 that is none of these answers 404 `not-found`, and a method a path does not take answers 405 `method-not-allowed` with `Allow`, both as problem details.",
      license: { name: "Proprietary: the operator of this installation", url: "/api/docs#licence" },
    },
    // Relative: the installation that serves this document.
    servers: [{ url: "/", description: "This installation" }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/credentials": {
        get: operationObject(
          credentials.list,
          {
            tags: ["Credentials"],
            summary: "List credentials (oldest first; follow nextCursor)",
            parameters: queryParameters(credentialListQuerySchema),
          },
          { 200: { description: "OK", content: json(credentialPageSchema) } },
        ),
        post: operationObject(
          credentials.create,
          {
            tags: ["Credentials"],
            summary: "Add a credential (verified with ClickUp, like Save)",
            parameters: [idempotencyKeyHeader],
            requestBody: body(newCredentialBody),
          },
          { 201: { description: "Created", headers: etagHeader, content: json(credentialSchema) } },
        ),
      },
      "/api/v1/credentials/{id}": {
        parameters: [idParameter],
        get: operationObject(
          credentials.get,
          { tags: ["Credentials"], summary: "Get a credential" },
          { 200: credentialAnswer },
        ),
        patch: operationObject(
          credentials.edit,
          {
            tags: ["Credentials"],
            summary: "Edit name, description and calls per minute",
            parameters: [ifMatch],
            requestBody: body(editBody),
          },
          { 200: credentialAnswer },
        ),
        delete: operationObject(
          credentials.delete,
          { tags: ["Credentials"], summary: "Delete a credential (refused while in use)" },
          { 204: { description: "Deleted" } },
        ),
      },
      "/api/v1/credentials/{id}/verify": {
        parameters: [idParameter],
        post: operationObject(
          credentials.verify,
          { tags: ["Credentials"], summary: "Verify now" },
          { 200: credentialAnswer },
        ),
      },
      "/api/v1/credentials/{id}/checks": {
        parameters: [idParameter],
        get: operationObject(
          credentials.checks,
          { tags: ["Credentials"], summary: "Recent checks with ClickUp (scheduled, Verify now, uses)" },
          { 200: { description: "OK", content: json(credentialCheckListSchema) } },
        ),
      },
      "/api/v1/credentials/{id}/token": {
        parameters: [idParameter],
        put: operationObject(
          credentials.replaceToken,
          {
            tags: ["Credentials"],
            summary: "Replace the token (another ClickUp account needs confirmAccountChange)",
            parameters: [ifMatch],
            requestBody: body(tokenBody),
          },
          { 200: credentialAnswer },
        ),
      },
      ...endpointPaths("source"),
      ...endpointPaths("destination"),
      "/api/v1/connectors": {
        get: operationObject(
          CONNECTOR_OPERATIONS.list,
          { tags: ["Connectors"], summary: "List connectors" },
          { 200: { description: "OK", content: json(connectorListSchema) } },
        ),
      },
      ...webhookPaths(),
      "/api/v1/api-keys": {
        get: operationObject(
          API_KEY_OPERATIONS.list,
          {
            tags: ["API keys"],
            summary:
              "List your own API keys with their scopes and proxy targets (any key may; keys are made only on the API keys page)",
          },
          { 200: { description: "OK", content: json(apiKeyListSchema) } },
        ),
      },
      ...clickUpProxyPaths(),
    },
    // What this app sends to the webhooks an admin adds (OpenAPI 3.1).
    webhooks: webhookEvents(),
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: apiKeyDescription() } },
      schemas: componentSchemas(),
    },
  };
}
