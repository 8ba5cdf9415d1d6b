import type { ActionResult } from "@/lib/action-result.browser-safe";

import type { ApiKeyScope } from "./scopes.browser-safe";

// What the API key commands return (expected failures as data; only bugs throw).

/** One credential, source or destination a restricted key may proxy through. */
export interface ApiKeyProxyTargetView {
  kind: "credential" | "source" | "destination";
  id: string;
  name: string;
}

/** A key as its person's list (and GET /api/v1/api-keys) shows it: never the key itself, nor its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The key's first characters, e.g. "cuk_AbCd1234". */
  prefix: string;
  /** Its API key scopes, in API_KEY_SCOPES order (every one for a key made before scopes). */
  scopes: ApiKeyScope[];
  /** All five: what managing webhooks needs. */
  everyScope: boolean;
  /** Made before keys had scopes: it keeps every scope, and the list says why. */
  madeBeforeScopes: boolean;
  /** What it may proxy through; null: anything its person may use; empty: nothing (its targets were deleted). */
  proxyTargets: ApiKeyProxyTargetView[] | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** A credential a key may be restricted to, with the person's sources and destinations that use it. */
export interface ProxyTargetChoice {
  id: string;
  name: string;
  endpoints: { id: string; kind: "source" | "destination"; name: string }[];
}

/** `key` is the whole key: the only time it leaves the server. */
export type CreateApiKeyResult = ActionResult<
  { apiKey: ApiKeyView; key: string },
  "name" | "expiresInDays" | "scopes" | "proxyTargets"
>;
export type RevokeApiKeyResult = ActionResult<null>;
export type DeleteApiKeyResult = ActionResult<null>;
