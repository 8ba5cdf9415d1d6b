import "server-only";

import type { Caller } from "@/lib/auth/person";

// STUB (proxy branch): the agreed interface of the scopes branch's file; dropped at the merge.
export function apiKeyMayProxy(caller: Caller, target: { credentialId: string; endpointId?: string }): boolean {
  const targets = caller.apiKey?.proxyTargets;
  if (!targets) return true;
  return target.endpointId
    ? targets.endpointIds.includes(target.endpointId)
    : targets.credentialIds.includes(target.credentialId);
}
