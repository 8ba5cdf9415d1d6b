import "server-only";

import { getEnv } from "@/lib/config/env";
import { readAtMost } from "@/lib/security/read-at-most";

import type { ConnectorCallOptions, ConnectorFailure } from "../types.browser-safe";
import { CLICKUP_MESSAGES } from "./responses";

// A real /user, /team or token answer is a few KB; anything far larger is not ClickUp talking.
const MAX_BODY_BYTES = 1_000_000;

/** What ClickUp answered, read whole, for the caller to interpret; or why there is no answer. */
export type ClickUpReply =
  { ok: true; status: number; headers: Headers; bodyText: string } | { ok: false; failure: ConnectorFailure };

interface ClickUpRequest {
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: URLSearchParams;
  /** What a person reads when ClickUp answers with a redirect (it names what was not sent on). */
  redirectedMessage?: string;
  /** Told the answer's status and headers as soon as they arrive. */
  onAnswer?: ConnectorCallOptions["onAnswer"];
}

/**
 * One request to a ClickUp API v2 path, with the hardening every ClickUp call gets: the whole
 * exchange, body included, is bounded by CLICKUP_TIMEOUT_MS; redirects are never followed; a body
 * far larger than ClickUp sends is not read. Never throws for network or HTTP trouble, and logs
 * only the method, the path and the kind of fault (never headers or body: they hold secrets).
 */
export async function requestClickUp(
  apiPath: `/api/v2/${string}`,
  { method, headers, body, redirectedMessage = CLICKUP_MESSAGES.redirected, onAnswer }: ClickUpRequest,
): Promise<ClickUpReply> {
  const { CLICKUP_API_BASE_URL, CLICKUP_TIMEOUT_MS } = getEnv();
  try {
    const response = await fetch(`${CLICKUP_API_BASE_URL}${apiPath}`, {
      method,
      headers,
      body,
      // Following a redirect would carry the token somewhere we did not choose. "manual" hands the
      // 3xx back unfollowed (Node's fetch gives its real status), so it can be reported as what it is.
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(CLICKUP_TIMEOUT_MS),
    });
    onAnswer?.({ status: response.status, headers: response.headers });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      console.warn(
        `[clickup] ${method} ${apiPath} answered ${response.status}, a redirect to ${redirectTarget(response)}: not followed`,
      );
      return { ok: false, failure: { kind: "redirected", message: redirectedMessage } };
    }
    const bodyText = await readBodyUpTo(response, MAX_BODY_BYTES);
    if (bodyText === undefined) {
      return { ok: false, failure: { kind: "unavailable", message: CLICKUP_MESSAGES.unavailable } };
    }
    return { ok: true, status: response.status, headers: response.headers, bodyText };
  } catch (error) {
    // Timeouts, refused connections, DNS failures, TLS errors: nobody answered usefully. The person
    // is told which (the server knows), and that it was the server that could not reach ClickUp.
    // Log the kind of fault only; the request (and its Authorization header) stays out of logs.
    console.warn(`[clickup] ${method} ${apiPath} failed: ${describeFetchError(error)}`);
    return {
      ok: false,
      failure: isTimeout(error)
        ? { kind: "timed-out", message: CLICKUP_MESSAGES.timedOut }
        : { kind: "unreachable", message: CLICKUP_MESSAGES.noConnection },
    };
  }
}

/** The body as text, or undefined once it passes maxBytes (whatever Content-Length claimed). */
async function readBodyUpTo(response: Response, maxBytes: number): Promise<string | undefined> {
  if (!response.body) return "";
  if (Number(response.headers.get("content-length")) > maxBytes) {
    await response.body.cancel();
    return undefined;
  }
  const bytes = await readAtMost(response, maxBytes);
  return bytes && Buffer.from(bytes).toString("utf8");
}

/** Where a redirect pointed, origin only (a path or query could hold anything), for the log. */
export function redirectTarget(response: Response): string {
  const location = response.headers.get("location");
  if (!location) return "nowhere (no Location)";
  try {
    return new URL(location, response.url).origin;
  } catch {
    return "an unparsable Location";
  }
}

/** AbortSignal.timeout fired: while waiting for the headers ("TimeoutError") or reading the body. */
function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const cause = (error as { cause?: { code?: string } }).cause;
  return [error.name, cause?.code].filter(Boolean).join(" ");
}
