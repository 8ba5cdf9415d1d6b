import "server-only";

import { problemResponse } from "@/lib/api/problem";
import { clickUpDefinition } from "@/lib/connectors/clickup/definition.browser-safe";
import { redirectTarget } from "@/lib/connectors/clickup/request-clickup";

import { capped } from "./forward";
import { CLICKUP_PROXY_ERROR_PEEK_BYTES, CLICKUP_PROXY_MAX_ANSWER_BYTES } from "./limits";
import { CLICKUP_PROXY_MESSAGES } from "./messages";

/**
 * ClickUp's answer headers passed back: what describes the body, and ClickUp's rate-limit headers
 * (a caller pacing itself needs them). Not Set-Cookie or anything else ClickUp says for itself.
 */
const PASSED_ANSWER_HEADERS = [
  "content-type",
  "content-disposition",
  "etag",
  "last-modified",
  "retry-after",
  "x-ratelimit-limit",
  "x-ratelimit-remaining",
  "x-ratelimit-reset",
];

/** Says an answer is ClickUp's own (its error bodies are not our problem+json): `X-Answered-By: clickup`. */
export const ANSWERED_BY_HEADER = "x-answered-by";
const ANSWERED_BY = clickUpDefinition.id;

const MIB = 1024 * 1024;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export interface Answer {
  response: Response;
  /** ClickUp refused the token (401, or an OAUTH_* code): the watch should check it now. */
  tokenRefused: boolean;
}

/**
 * Step 4 of a ClickUp proxy call: ClickUp's answer as ours — its status, body and passed headers,
 * marked `X-Answered-By: clickup`, the body streamed back and cut off past
 * CLICKUP_PROXY_MAX_ANSWER_BYTES. A redirect is not passed on (its Location could lead a client
 * anywhere), nor an answer that says it is over the cap: those are our own 502s. An error answer
 * is read first (it is small) to see whether ClickUp refused the token.
 */
export async function answerFromClickUp(upstream: Response, what: string): Promise<Answer> {
  if (upstream.status >= 300 && upstream.status < 400) {
    await upstream.body?.cancel();
    console.warn(
      `[clickup-proxy] ${what} answered ${upstream.status}, a redirect to ${redirectTarget(upstream)}: not followed`,
    );
    return ours(problemResponse("clickup-unavailable", CLICKUP_PROXY_MESSAGES.redirected));
  }
  if (Number(upstream.headers.get("content-length")) > CLICKUP_PROXY_MAX_ANSWER_BYTES) {
    await upstream.body?.cancel();
    return ours(
      problemResponse(
        "clickup-unavailable",
        CLICKUP_PROXY_MESSAGES.answerTooLarge(CLICKUP_PROXY_MAX_ANSWER_BYTES / MIB),
      ),
    );
  }
  const headers = new Headers({ [ANSWERED_BY_HEADER]: ANSWERED_BY, "cache-control": "no-store" });
  for (const name of PASSED_ANSWER_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  let body: ReadableStream<Uint8Array> | null = NULL_BODY_STATUSES.has(upstream.status) ? null : upstream.body;
  let tokenRefused = upstream.status === 401;
  if (body && upstream.status >= 400) {
    const peeked = await peek(body, CLICKUP_PROXY_ERROR_PEEK_BYTES);
    tokenRefused ||= peeked.whole !== undefined && hasOAuthCode(peeked.whole);
    body = peeked.body;
  }
  if (body) body = body.pipeThrough(capped(CLICKUP_PROXY_MAX_ANSWER_BYTES, () => undefined));
  else await upstream.body?.cancel();
  return { response: new Response(body, { status: upstream.status, headers }), tokenRefused };
}

const ours = (response: Response): Answer => ({ response, tokenRefused: false });

/** ClickUp's token refusals carry an OAUTH_* code, whatever their status (DESIGN.md "ClickUp facts"). */
function hasOAuthCode(bytes: Uint8Array): boolean {
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
    const code = typeof json === "object" && json !== null ? (json as { ECODE?: unknown }).ECODE : undefined;
    return typeof code === "string" && code.startsWith("OAUTH_");
  } catch {
    return false;
  }
}

/**
 * Reads up to `limit` bytes of a body: `whole` when it ended within them, and a stream that gives
 * the same bytes again (what was read, then the rest) to pass on.
 */
async function peek(
  body: ReadableStream<Uint8Array>,
  limit: number,
): Promise<{ whole?: Uint8Array; body: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  while (size <= limit) {
    const { done, value } = await reader.read();
    if (done) {
      ended = true;
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const replay = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      if (ended) controller.close();
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel: (reason) => reader.cancel(reason),
  });
  return { whole: ended ? Buffer.concat(chunks) : undefined, body: replay };
}
