// STUB (proxy branch): the agreed interface of the scopes branch's file; dropped at the merge.
export const API_KEY_SCOPES = [
  "credentials:read",
  "credentials:write",
  "endpoints:read",
  "endpoints:write",
  "proxy",
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
