// The API key scopes (docs/glossary.md "API key scope"), here below lib/api-keys because a caller
// (lib/auth/person.ts) carries its key's scopes. Import them from lib/api-keys/scopes.browser-safe.ts,
// which re-exports them beside what else a scope needs.

export const API_KEY_SCOPES = [
  "credentials:read",
  "credentials:write",
  "endpoints:read",
  "endpoints:write",
  "proxy",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
