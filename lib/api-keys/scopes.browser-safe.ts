import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/auth/api-key-scopes.browser-safe";

// API key scopes (docs/glossary.md "API key scope"): what a key may do through /api/v1, chosen
// when it is made. Apart from the access scopes see / use / manage / share (lib/auth/access.ts),
// which say what its person may do: a key never has more than its person, often much less.

// The list itself lives in lib/auth (a caller carries its key's scopes, and lib/auth sits below
// this folder); this is where everything else imports it from.
export { API_KEY_SCOPES, type ApiKeyScope };

/** What each scope lets a key do, for the form's checkboxes and the API reference. */
export const API_KEY_SCOPE_MEANINGS: Record<ApiKeyScope, string> = {
  "credentials:read": "List and read credentials and their checks.",
  "credentials:write": "Add, edit, verify, replace the token of and delete credentials.",
  "endpoints:read": "List and read sources, destinations and connectors.",
  "endpoints:write": "Create, rename and delete sources and destinations.",
  proxy: "Call ClickUp through the ClickUp proxy with a credential's token, never reading it.",
};

export function isApiKeyScope(value: unknown): value is ApiKeyScope {
  return typeof value === "string" && (API_KEY_SCOPES as readonly string[]).includes(value);
}

/**
 * The column's text as scopes, in the list's order. NULL is a key made before scopes, which keeps
 * every scope (it was made when a key could do everything its person could).
 */
export function parseStoredScopes(stored: string | null): readonly ApiKeyScope[] {
  if (stored === null) return API_KEY_SCOPES;
  const named = new Set(stored.split(","));
  return API_KEY_SCOPES.filter((scope) => named.has(scope));
}

/** Scopes as the column stores them: comma-separated, in the list's order, each once. */
export function storedScopes(scopes: readonly ApiKeyScope[]): string {
  return API_KEY_SCOPES.filter((scope) => scopes.includes(scope)).join(",");
}

export function hasEveryScope(scopes: readonly ApiKeyScope[]): boolean {
  return API_KEY_SCOPES.every((scope) => scopes.includes(scope));
}
