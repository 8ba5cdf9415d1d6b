import "server-only";

import { getEnv } from "@/lib/config/env";
import { clickUpAuthorization } from "@/lib/connectors/clickup/api";
import type { AuthMethod } from "@/lib/connectors/types.browser-safe";

import { CLICKUP_PROXY_MAX_BODY_BYTES } from "./limits";

/**
 * The request headers passed on to ClickUp: what describes the body and the answer wanted, nothing
 * else. An allow-list, because a caller's other headers may carry secrets of theirs or ours
 * (Authorization is our API key; Cookie, Proxy-*, X-Api-Key, Forwarded/X-Forwarded-*…) and none
 * of them is ClickUp's business. Authorization is set from the credential.
 */
const PASSED_REQUEST_HEADERS = ["accept", "accept-language", "content-type", "if-match", "if-none-match"];

export type Forwarded =
  { ok: true; response: Response } | { ok: false; kind: "timed-out" | "unreachable" | "too-large" };

interface ForwardInput {
  request: Request;
  apiPath: `/api/v2/${string}`;
  query: string;
  token: string;
  authMethod: AuthMethod;
}

/**
 * Step 3 of a ClickUp proxy call: the one request to `${CLICKUP_API_BASE_URL}${apiPath}`, with the
 * stored token as the credential sends it, the caller's body streamed through (cut off past
 * CLICKUP_PROXY_MAX_BODY_BYTES, whatever Content-Length said), redirects handed back unfollowed,
 * and CLICKUP_TIMEOUT_MS as the bound on the wait for ClickUp's headers (the body then streams
 * for as long as the caller reads it; a caller who goes away ends the call). Logs the method, the
 * path and the kind of fault only: the headers hold the token, the query and body the caller's data.
 */
export async function forwardToClickUp({
  request,
  apiPath,
  query,
  token,
  authMethod,
}: ForwardInput): Promise<Forwarded> {
  const { CLICKUP_API_BASE_URL, CLICKUP_TIMEOUT_MS } = getEnv();
  const headers = new Headers();
  for (const name of PASSED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  headers.set("authorization", clickUpAuthorization(token, authMethod));

  const abort = new AbortController();
  const callerGone = () => abort.abort(request.signal.reason);
  request.signal.addEventListener("abort", callerGone, { once: true });
  const timer = setTimeout(
    () => abort.abort(new DOMException("ClickUp's headers took too long", "TimeoutError")),
    CLICKUP_TIMEOUT_MS,
  );
  let tooLarge = false;
  const body =
    request.body && request.method !== "GET" && request.method !== "HEAD"
      ? request.body.pipeThrough(capped(CLICKUP_PROXY_MAX_BODY_BYTES, () => (tooLarge = true)))
      : undefined;
  try {
    const response = await fetch(`${CLICKUP_API_BASE_URL}${apiPath}${query}`, {
      method: request.method,
      headers,
      body,
      // Following a redirect would carry the token somewhere we did not choose.
      redirect: "manual",
      cache: "no-store",
      signal: abort.signal,
      ...(body ? { duplex: "half" } : {}),
    } as RequestInit);
    return { ok: true, response };
  } catch (error) {
    if (tooLarge) return { ok: false, kind: "too-large" };
    const timedOut = abort.signal.reason instanceof DOMException && abort.signal.reason.name === "TimeoutError";
    console.warn(
      `[clickup-proxy] ${request.method} ${apiPath} failed: ${timedOut ? "no answer in time" : describe(error)}`,
    );
    return { ok: false, kind: timedOut ? "timed-out" : "unreachable" };
  } finally {
    clearTimeout(timer);
  }
}

/** A stream that passes bytes through until `limit`, then fails (and says so through `onTooLarge`). */
export function capped(limit: number, onTooLarge: () => void): TransformStream<Uint8Array, Uint8Array> {
  let size = 0;
  return new TransformStream({
    transform(chunk, controller) {
      size += chunk.byteLength;
      if (size > limit) {
        onTooLarge();
        controller.error(new RangeError(`more than ${limit} bytes`));
        return;
      }
      controller.enqueue(chunk);
    },
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const cause = (error as { cause?: { code?: string } }).cause;
  return [error.name, cause?.code].filter(Boolean).join(" ");
}
