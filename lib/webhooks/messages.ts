// What the webhook commands and the Webhooks page tell a person, in one place. None of these ever
// contains a signing secret.

export const WEBHOOK_MESSAGES = {
  adminOnly: "Only the admin manages webhooks.",
  gone: "This webhook no longer exists. Reload the page.",
  tooMany: (limit: number) => `There are ${limit} webhooks already. Delete one you no longer use first.`,
  secretShownOnce:
    "Copy this signing secret now: it is shown only once. The receiver needs it to check that each event came from this app.",
  /** The webhook's secret does not open with the encryption keys in use: nothing can be signed with it. */
  secretUnreadable:
    "This webhook's signing secret cannot be decrypted with the current encryption keys, so nothing can be sent to it. Delete it and add it again, then give the receiver the new secret.",
  /** Why an attempt got no answer to show (the delivery log's "last answer"). */
  timedOut: (ms: number) => `No answer within ${ms / 1000} s.`,
  unreachable: (cause: string) => `Could not connect: ${cause}.`,
  redirected: (status: number) =>
    `Answered ${status}, a redirect: not followed (a redirect could carry the event elsewhere). Use the final URL.`,
  refused: (status: number) => `Answered ${status}: the receiver refused the event.`,
  failedRetry: (status: number) => `Answered ${status}: the receiver had trouble or asked to wait.`,
  testDelivered: (status: number) => `Test event delivered: the receiver answered ${status}.`,
  testFailed: (error: string) => `Test event not delivered. ${error}`,
} as const;
