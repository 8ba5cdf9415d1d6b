// Step 1 of a ClickUp proxy call: which ClickUp API v2 path it asks for.

/** One segment of a ClickUp API v2 path: ids and words, nothing that could change where the call goes. */
const PLAIN_SEGMENT = /^[A-Za-z0-9_-]+$/;
const PROXY_PATH = /^\/api\/v1\/(?:credentials|sources|destinations)\/[^/]+\/clickup\/(.+)$/;

export type ClickUpPath = { ok: true; apiPath: `/api/v2/${string}`; query: string } | { ok: false };

/**
 * The ClickUp API v2 path and query a request to the ClickUp proxy names, read from the request's
 * own URL (not the router's params, so what is decoded, and how often, is decided here): each
 * segment after `/clickup/` is %-decoded once, `/` inside one (sent as %2F by typed clients that
 * encode a path parameter) separates segments too, and every segment must then be plain
 * (letters, digits, `-`, `_`). So `.`, `..`, `%2e`, `@`, `:`, `\`, `%`, empty segments (`//`) and
 * anything naming another host never become part of the URL called; the query passes as sent.
 */
export function parseClickUpPath(requestUrl: string): ClickUpPath {
  const url = new URL(requestUrl);
  const rest = PROXY_PATH.exec(url.pathname)?.[1];
  if (!rest) return { ok: false };
  const segments: string[] = [];
  for (const raw of rest.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return { ok: false };
    }
    for (const segment of decoded.split("/")) {
      if (!PLAIN_SEGMENT.test(segment)) return { ok: false };
      segments.push(segment);
    }
  }
  return { ok: true, apiPath: `/api/v2/${segments.join("/")}`, query: url.search };
}
