import "server-only";

import { clickUpDefinition } from "@/lib/connectors/clickup/definition.browser-safe";
import {
  credentialDescriptionSchema,
  credentialNameSchema,
  newCredentialSchema,
} from "@/lib/credentials/schemas.browser-safe";
import { endpointFormSchema } from "@/lib/endpoints/schemas.browser-safe";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";
import { z } from "@/lib/zod";

import {
  connectorListSchema,
  credentialPageSchema,
  credentialSchema,
  endpointListSchema,
  endpointSchema,
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
const problems = (...statuses: number[]) =>
  Object.fromEntries(
    [401, ...statuses, 500].map((status) => [
      String(status),
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? "Problem",
        content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
      },
    ]),
  );

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed request (not JSON, bad query, bad If-Match or Idempotency-Key)",
  401: "Missing, unknown, revoked or expired API key",
  404: "Not found, or not the caller's",
  409: "In use (usedBy), or the new token is another ClickUp account's (accountChange)",
  412: "If-Match names an older version",
  413: "Body larger than 32 KiB",
  422: "Validation failed (errors), or ClickUp refused",
  429: "Too many token checks; see Retry-After",
  500: "A bug; nothing was changed",
};

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

const newCredentialBody = z.object({
  ...newCredentialSchema(clickUpDefinition).shape,
  connector: z.literal("clickup"),
});
const editBody = z.object({
  name: z.optional(credentialNameSchema),
  description: z.optional(credentialDescriptionSchema),
});
const tokenBody = z.object({ apiKey: clickUpDefinition.apiKey.schema, confirmAccountChange: z.optional(z.boolean()) });
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
  return {
    [`/api/v1/${kind}s`]: {
      get: {
        tags: [tag],
        summary: `List ${kind}s`,
        responses: { 200: { description: "OK", content: json(endpointListSchema) }, ...problems() },
      },
      post: {
        tags: [tag],
        summary: `Create a ${kind} (the Workspace is checked with ClickUp)`,
        parameters: [idempotencyKeyHeader],
        requestBody: body(newEndpointBody),
        responses: {
          201: { description: "Created", content: json(endpointSchema) },
          ...problems(400, 404, 413, 422, 429),
        },
      },
    },
    [`/api/v1/${kind}s/{id}`]: {
      parameters: [idParameter],
      get: {
        tags: [tag],
        summary: `Get a ${kind}`,
        responses: { 200: { description: "OK", content: json(endpointSchema) }, ...problems(404) },
      },
      patch: {
        tags: [tag],
        summary: `Rename a ${kind}`,
        requestBody: body(renameBody),
        responses: { 200: { description: "OK", content: json(endpointSchema) }, ...problems(400, 404, 413, 422) },
      },
      delete: {
        tags: [tag],
        summary: `Delete a ${kind}`,
        responses: { 204: { description: "Deleted" }, ...problems(404) },
      },
    },
  };
}

/** The document served at /api/v1/openapi.json. */
export function openApiDocument(): JsonSchema {
  const credentialAnswer = { description: "OK", headers: etagHeader, content: json(credentialSchema) };
  return {
    openapi: "3.1.0",
    info: {
      title: "Connector credentials API",
      version: "1",
      description:
        "Credentials, sources and destinations, on the same services as the app's pages. Authenticate with a personal API key from the API keys page: `Authorization: Bearer <key>`. Errors are RFC 9457 problem details.",
    },
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/credentials": {
        get: {
          tags: ["Credentials"],
          summary: "List credentials (oldest first; follow nextCursor)",
          parameters: queryParameters(credentialListQuerySchema),
          responses: { 200: { description: "OK", content: json(credentialPageSchema) }, ...problems(400) },
        },
        post: {
          tags: ["Credentials"],
          summary: "Add a credential (verified with ClickUp, like Save)",
          parameters: [idempotencyKeyHeader],
          requestBody: body(newCredentialBody),
          responses: {
            201: { description: "Created", headers: etagHeader, content: json(credentialSchema) },
            ...problems(400, 413, 422, 429),
          },
        },
      },
      "/api/v1/credentials/{id}": {
        parameters: [idParameter],
        get: {
          tags: ["Credentials"],
          summary: "Get a credential",
          responses: { 200: credentialAnswer, ...problems(404) },
        },
        patch: {
          tags: ["Credentials"],
          summary: "Edit name and description",
          parameters: [ifMatch],
          requestBody: body(editBody),
          responses: { 200: credentialAnswer, ...problems(400, 404, 412, 413, 422) },
        },
        delete: {
          tags: ["Credentials"],
          summary: "Delete a credential (refused while in use)",
          responses: { 204: { description: "Deleted" }, ...problems(404, 409) },
        },
      },
      "/api/v1/credentials/{id}/verify": {
        parameters: [idParameter],
        post: {
          tags: ["Credentials"],
          summary: "Verify now",
          responses: { 200: credentialAnswer, ...problems(404, 422, 429) },
        },
      },
      "/api/v1/credentials/{id}/token": {
        parameters: [idParameter],
        put: {
          tags: ["Credentials"],
          summary: "Replace the token (another ClickUp account needs confirmAccountChange)",
          parameters: [ifMatch],
          requestBody: body(tokenBody),
          responses: { 200: credentialAnswer, ...problems(400, 404, 409, 412, 413, 422, 429) },
        },
      },
      ...endpointPaths("source"),
      ...endpointPaths("destination"),
      "/api/v1/connectors": {
        get: {
          tags: ["Connectors"],
          summary: "List connectors",
          responses: { 200: { description: "OK", content: json(connectorListSchema) }, ...problems() },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A personal API key (cuk_…)" } },
      schemas: componentSchemas(),
    },
  };
}
