// The ClickUp proxy's own bounds, apart from the API's 32 KiB JSON bodies (lib/api/body.ts): a
// ClickUp call may upload an attachment (multipart) or answer a long task list.

/**
 * The largest body passed on to ClickUp. Kept under what Next.js copies of a request body for
 * proxy.ts (experimental.proxyClientMaxBodySize in next.config.ts, set above this): a body past
 * that copy would reach the route cut short, without a sign.
 */
export const CLICKUP_PROXY_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The largest answer passed back: past it the answer is cut off (its headers are already sent). */
export const CLICKUP_PROXY_MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** An error answer up to this size is read whole to see whether ClickUp refused the token. */
export const CLICKUP_PROXY_ERROR_PEEK_BYTES = 64 * 1024;
