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
  /** The API's answer to a missing, malformed, unknown, revoked or expired key: one sentence for all. */
  unauthorized:
    "Send a valid API key as `Authorization: Bearer <key>`. This one is missing, unknown, revoked or expired. Create one on the API keys page.",
} as const;
