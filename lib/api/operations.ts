import "server-only";

import type { FailureReason } from "@/lib/failure-reasons.browser-safe";

// Every /api/v1 operation, declared once: its operationId, where its bugs are logged, and the
// reasons it may fail with. The route handler runs under its declaration (lib/api/route.ts) and
// the OpenAPI document lists, per status, exactly these codes (lib/api/openapi.ts); the tests
// check every answer they get against that document, so a route answering a reason it does not
// declare fails them.

export interface ApiOperation {
  /** What client generators name their method by (OpenAPI `operationId`). */
  id: string;
  /** For the server log: "[api <area>] <what> failed: …". */
  area: string;
  what: string;
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

const operation = (id: string, area: string, what: string, reasons: readonly FailureReason[]): ApiOperation => ({
  id,
  area,
  what,
  reasons,
});

export const CREDENTIAL_OPERATIONS = {
  list: operation("listCredentials", "credentials", "listing", ["malformed"]),
  create: operation("createCredential", "credentials", "saving", [...BODY, "invalid", "refused", ...ASKS_CLICKUP]),
  get: operation("getCredential", "credentials", "reading", ["not-found"]),
  checks: operation("listCredentialChecks", "credentials", "reading", ["not-found"]),
  edit: operation("editCredential", "credentials", "edit", [...BODY, "invalid", "not-found", "not-owner", "stale"]),
  delete: operation("deleteCredential", "credentials", "delete", ["not-found", "not-owner", "in-use"]),
  verify: operation("verifyCredential", "credentials", "verify", [
    // It reads no body, but a form posted here meets the request guards' size cap (proxy.ts).
    "too-large",
    "not-found",
    "credential-unusable",
    ...ASKS_CLICKUP,
  ]),
  replaceToken: operation("replaceCredentialToken", "credentials", "replace token", [
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
    list: operation(`list${Kind}s`, area, "listing", []),
    create: operation(`create${Kind}`, area, "creating", [
      ...BODY,
      "invalid",
      // The credential named is not one the caller may use (or does not exist).
      "not-found",
      "refused",
      "credential-unusable",
      "clickup-unavailable",
      "rate-limited",
    ]),
    get: operation(`get${Kind}`, area, "reading", ["not-found"]),
    rename: operation(`rename${Kind}`, area, "renaming", [...BODY, "invalid", "not-found"]),
    delete: operation(`delete${Kind}`, area, "deleting", ["not-found"]),
  };
}

export const CONNECTOR_OPERATIONS = {
  list: operation("listConnectors", "connectors", "listing", []),
};

/** Admin only: anyone else is answered "admin-only" (404, as for anything not the caller's). */
export const WEBHOOK_OPERATIONS = {
  list: operation("listWebhooks", "webhooks", "listing", ["admin-only"]),
  create: operation("createWebhook", "webhooks", "adding", [...BODY, "invalid", "refused", "admin-only"]),
  delete: operation("deleteWebhook", "webhooks", "deleting", ["not-found", "admin-only"]),
  sendTestEvent: operation("sendWebhookTestEvent", "webhooks", "sending a test event", [
    // It reads no body, but a form posted here meets the request guards' size cap (proxy.ts).
    "too-large",
    "not-found",
    "admin-only",
  ]),
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
