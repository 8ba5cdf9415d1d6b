import type { Caller } from "@/lib/auth/person";

/**
 * Whether the caller's API key may proxy through this credential, or through this source or
 * destination (its `endpointId`), as far as the key's own restriction goes — the person's use of
 * the credential is checked apart, on every call. A page caller (no key) and a key without a
 * restriction may; a restricted key only through what it names. A key restricted to a source may
 * proxy only through that source's route, not through its credential's: the pipeline it was made
 * for names its source. The ClickUp proxy answers 404 "not-found" when this is false: to the key,
 * the target does not exist.
 */
export function apiKeyMayProxy(caller: Caller, target: { credentialId: string; endpointId?: string }): boolean {
  const restriction = caller.apiKey?.proxyTargets;
  if (!restriction) return true;
  if (target.endpointId !== undefined) return restriction.endpointIds.includes(target.endpointId);
  return restriction.credentialIds.includes(target.credentialId);
}
