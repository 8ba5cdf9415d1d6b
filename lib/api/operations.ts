import "server-only";

import type { ApiKeyScope } from "@/lib/api-keys/scopes.browser-safe";
import type { FailureReason } from "@/lib/failure-reasons.browser-safe";

// Every /api/v1 operation, declared once: its operationId, where its bugs are logged, the API key
// scope it needs, and the reasons it may fail with. The route handler runs under its declaration (lib/api/route.ts) and
// the OpenAPI document lists, per status, exactly these codes (lib/api/openapi.ts); the tests
// check every answer they get against that document, so a route answering a reason it does not
// declare fails them.

export interface ApiOperation {
  /** What client generators name their method by (OpenAPI `operationId`). */
  id: string;
  /** For the server log: "[api <area>] <what> failed: …". */
  area: string;
  what: string;
  /**
   * The API key scope a key needs for it (apiRoute answers 403 "missing-scope" without it):
   * "every" for all five (webhooks), null for any key (e.g. listing one's own keys).
   */
  scope: ApiKeyScope | "every" | null;
  /** The reasons this operation answers itself, beside those every operation may answer. */
  reasons: readonly FailureReason[];
}

/**
 * Any operation: what the request guards answer before any route runs (proxy.ts: a host name this
 * installation does not serve, a path with a broken %-escape, a form or server action posted from
 * elsewhere), no valid API key, the database in trouble, a bug.
 */
export const EVERY_OPERATION_REASONS = [
  "misdirected",
  "malformed",
  "unauthenticated",
  "database-busy",
  "database-unreachable",
  "database-out-of-space",
  "bug",
] as const satisfies readonly FailureReason[];

/** A JSON body: not JSON (or not an object), or over the size cap. */
const BODY = ["malformed", "too-large"] as const;
/** Anything that asks ClickUp (through a credential's token, or a new one). */
const ASKS_CLICKUP = ["clickup-rejected", "clickup-unavailable", "rate-limited"] as const;

const operation = (
  id: string,
  area: string,
  what: string,
  scope: ApiOperation["scope"],
  reasons: readonly FailureReason[],
): ApiOperation => ({ id, area, what, scope, reasons });

/**
 * Every reason an operation may answer: its own, those of any operation, and "missing-scope" when
 * it needs a scope (apiRoute answers it before the handler runs).
 */
export function operationReasons(operation: ApiOperation): FailureReason[] {
  const scoped: FailureReason[] = operation.scope === null ? [] : ["missing-scope"];
  return [...new Set([...operation.reasons, ...EVERY_OPERATION_REASONS, ...scoped])];
}

export const CREDENTIAL_OPERATIONS = {
  list: operation("listCredentials", "credentials", "listing", "credentials:read", ["malformed"]),
  create: operation("createCredential", "credentials", "saving", "credentials:write", [
    ...BODY,
    "invalid",
    "refused",
    ...ASKS_CLICKUP,
  ]),
  get: operation("getCredential", "credentials", "reading", "credentials:read", ["not-found"]),
  checks: operation("listCredentialChecks", "credentials", "reading", "credentials:read", ["not-found"]),
  edit: operation("editCredential", "credentials", "edit", "credentials:write", [
    ...BODY,
    "invalid",
    "not-found",
    "not-owner",
    "stale",
  ]),
  delete: operation("deleteCredential", "credentials", "delete", "credentials:write", [
    "not-found",
    "not-owner",
    "in-use",
  ]),
  verify: operation("verifyCredential", "credentials", "verify", "credentials:write", [
    // It reads no body, but a form posted here meets the request guards' size cap (proxy.ts).
    "too-large",
    "not-found",
    "credential-unusable",
    ...ASKS_CLICKUP,
  ]),
  replaceToken: operation("replaceCredentialToken", "credentials", "replace token", "credentials:write", [
    ...BODY,
    "invalid",
    "not-found",
    "not-owner",
    "stale",
    "account-changed",
    "reconnect-instead",
    ...ASKS_CLICKUP,
  ]),
};

export function endpointOperations(kind: "source" | "destination") {
  const Kind = `${kind[0].toUpperCase()}${kind.slice(1)}`;
  const area = `${kind}s`;
  return {
    list: operation(`list${Kind}s`, area, "listing", "endpoints:read", []),
    create: operation(`create${Kind}`, area, "creating", "endpoints:write", [
      ...BODY,
      "invalid",
      // The credential named is not one the caller may use (or does not exist).
      "not-found",
      "refused",
      "credential-unusable",
      "clickup-unavailable",
      "rate-limited",
    ]),
    get: operation(`get${Kind}`, area, "reading", "endpoints:read", ["not-found"]),
    rename: operation(`rename${Kind}`, area, "renaming", "endpoints:write", [...BODY, "invalid", "not-found"]),
    delete: operation(`delete${Kind}`, area, "deleting", "endpoints:write", ["not-found"]),
  };
}

export const CONNECTOR_OPERATIONS = {
  list: operation("listConnectors", "connectors", "listing", "endpoints:read", []),
};

/**
 * Admin only: anyone else is answered "admin-only" (404, as for anything not the caller's); and
 * only with a key that has every scope, since webhooks receive what happens to every credential.
 */
export const WEBHOOK_OPERATIONS = {
  list: operation("listWebhooks", "webhooks", "listing", "every", ["admin-only"]),
  create: operation("createWebhook", "webhooks", "adding", "every", [...BODY, "invalid", "refused", "admin-only"]),
  delete: operation("deleteWebhook", "webhooks", "deleting", "every", ["not-found", "admin-only"]),
  sendTestEvent: operation("sendWebhookTestEvent", "webhooks", "sending a test event", "every", [
    // It reads no body, but a form posted here meets the request guards' size cap (proxy.ts).
    "too-large",
    "not-found",
    "admin-only",
  ]),
};

/** A person's own API keys, read-only: any key may read them (there is no API to make keys). */
export const API_KEY_OPERATIONS = {
  list: operation("listApiKeys", "api keys", "listing", null, []),
};

/** The methods ClickUp's API v2 uses, each one operation of the ClickUp proxy per route. */
export const CLICKUP_PROXY_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type ClickUpProxyMethod = (typeof CLICKUP_PROXY_METHODS)[number];

/**
 * The ClickUp proxy (lib/clickup-proxy/) through a credential, or a source's or destination's
 * credential: one operation per method (each needs its own operationId), needing the "proxy"
 * scope. ClickUp's own answers pass through as they are; these are only our refusals.
 */
export function clickUpProxyOperations(
  through: "credential" | "source" | "destination",
): Record<ClickUpProxyMethod, ApiOperation> {
  const Through = `${through[0].toUpperCase()}${through.slice(1)}`;
  const reasons: readonly FailureReason[] = [
    // A path that is not plain ClickUp API v2 segments.
    "malformed",
    // A body over the ClickUp proxy's cap.
    "too-large",
    "not-found",
    // Its token no longer decrypts.
    "credential-unusable",
    // The token's rate budget is spent (our 429, with Retry-After).
    "rate-limited",
    // No answer in time, unreachable, a redirect, an answer over the cap.
    "clickup-unavailable",
  ];
  const method = (verb: ClickUpProxyMethod): ApiOperation => ({
    id: `${verb.toLowerCase()}ClickUpVia${Through}`,
    area: "clickup-proxy",
    what: `${verb} through ${through}`,
    reasons,
    scope: "proxy",
  });
  return Object.fromEntries(CLICKUP_PROXY_METHODS.map((verb) => [verb, method(verb)])) as Record<
    ClickUpProxyMethod,
    ApiOperation
  >;
}
