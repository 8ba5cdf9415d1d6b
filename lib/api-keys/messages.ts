// What the API key commands tell a person, in one place.

export const API_KEY_MESSAGES = {
  created: "Copy this key now: it is shown only once. Anyone who has it can act as you through the API.",
  gone: "This API key no longer exists or is already revoked. Reload the page.",
  deletedGone: "This API key no longer exists. Reload the page.",
  tooManyLive: (limit: number) =>
    `You have ${limit} API keys in use (neither revoked nor expired) already. Revoke one you no longer use first.`,
  tooManyKept: (limit: number) =>
    `You keep ${limit} API keys, counting revoked and expired ones. Delete revoked or expired keys you no longer need first.`,
  activeNotDeleted:
    "This API key still works. Revoke it first: only a revoked or expired key can be deleted, so a key is never deleted while a script may still be using it.",
  /** What the Pipeline key preset did: the one source it chose, or how many there are to choose from. */
  pipelinePreset: (source: string | number) =>
    typeof source === "string"
      ? `Pipeline key: only the proxy scope, through the source “${source}”. Give it a name and create it.`
      : source === 0
        ? "Pipeline key: only the proxy scope. You have no sources yet: create one first, or this key may proxy through any credential you may use."
        : "Pipeline key: only the proxy scope. Now choose the one source its pipeline reads from.",
  fieldsNeedAttention: "Some fields need attention.",
  targetsWithoutProxy:
    "Only a key with the proxy scope proxies through anything: check proxy, or clear the credentials, sources and destinations chosen.",
  targetGone:
    "One of the credentials, sources or destinations chosen is gone or no longer yours to use. Reload the page and choose again.",
  /** The API's answer to a key without the scope an operation needs: names the scope. */
  missingScope: (scope: string) =>
    `This API key does not have the ${scope} scope, which this call needs. Create a key with it on the API keys page.`,
  /** The same for managing webhooks, which needs a key with every scope. */
  missingEveryScope: (missing: readonly string[]) =>
    `This call needs an API key with every scope; this one lacks ${missing.join(", ")}. Create a key with every scope on the API keys page.`,
  /** The API's answer to a missing, malformed, unknown, revoked or expired key: one sentence for all. */
  unauthorized:
    "Send a valid API key as `Authorization: Bearer <key>`. This one is missing, unknown, revoked or expired. Create one on the API keys page.",
} as const;
