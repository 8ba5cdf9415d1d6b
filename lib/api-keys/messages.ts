// What the API key commands tell a person, in one place.

export const API_KEY_MESSAGES = {
  created: "Copy this key now: it is shown only once. Anyone who has it can act as you through the API.",
  gone: "This API key no longer exists or is already revoked. Reload the page.",
  tooMany: "You have 50 API keys already. Revoke one you no longer use first.",
  /** The API's answer to a missing, malformed, unknown, revoked or expired key: one sentence for all. */
  unauthorized:
    "Send a valid API key as `Authorization: Bearer <key>`. This one is missing, unknown, revoked or expired. Create one on the API keys page.",
} as const;
