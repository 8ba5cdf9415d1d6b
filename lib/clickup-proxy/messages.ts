// What the ClickUp proxy's own refusals say (problem+json `detail`). Never a token.

export const CLICKUP_PROXY_MESSAGES = {
  notFound: "No such credential, source or destination you may call ClickUp through.",
  badPath:
    "Only ClickUp's API v2 can be called through the ClickUp proxy: the path after /clickup/ must be segments of letters, digits, '-' and '_', joined by '/' (or %2F).",
  bodyTooLarge: (megabytes: number) => `The body is larger than the ClickUp proxy passes on (${megabytes} MiB).`,
  answerTooLarge: (megabytes: number) =>
    `ClickUp's answer is larger than the ClickUp proxy passes back (${megabytes} MiB).`,
  rateLimited:
    "This credential's calls to ClickUp are at its rate budget (calls per minute, shared by everyone using its token); try again after Retry-After.",
  redirected: "ClickUp answered with a redirect, which the ClickUp proxy does not follow or pass on.",
  timedOut: "ClickUp did not answer in time.",
  unreachable: "The server could not reach ClickUp.",
  unreadable: "This credential's token can no longer be decrypted: enter the token again on the credential's page.",
} as const;
