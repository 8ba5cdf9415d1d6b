import "server-only";

import { getEnv } from "@/lib/config/env";
import { readAtMost } from "@/lib/security/read-at-most";

import type { ListWorkspacesResult, VerifyResult } from "../types.browser-safe";
import {
  CLICKUP_MESSAGES,
  interpretClickUpResponse,
  parseClickUpTeams,
  parseClickUpUser,
  type ClickUpAnswer,
} from "./responses";

// A real /user or /team answer is a few KB; anything far larger is not ClickUp talking.
const MAX_BODY_BYTES = 1_000_000;

/**
 * GET one ClickUp API v2 path with a personal token. The token goes raw in Authorization (no
 * "Bearer": ClickUp rejects personal tokens sent that way). The whole exchange, body included,
 * is bounded by CLICKUP_TIMEOUT_MS. Never throws for network or HTTP trouble; never puts the
 * token in what it returns.
 */
export async function getFromClickUp(apiPath: `/api/v2/${string}`, token: string): Promise<ClickUpAnswer> {
  const { CLICKUP_API_BASE_URL, CLICKUP_TIMEOUT_MS } = getEnv();
  try {
    const response = await fetch(`${CLICKUP_API_BASE_URL}${apiPath}`, {
      method: "GET",
      headers: { Authorization: token, Accept: "application/json" },
      // Following a redirect would carry the token somewhere we did not choose. "manual" hands the
      // 3xx back unfollowed (Node's fetch gives its real status), so it can be reported as what it is.
      redirect: "manual",
      cache: "no-store",
      signal: AbortSignal.timeout(CLICKUP_TIMEOUT_MS),
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      console.warn(
        `[clickup] GET ${apiPath} answered ${response.status}, a redirect to ${redirectTarget(response)}: not followed`,
      );
      return { ok: false, failure: { kind: "redirected", message: CLICKUP_MESSAGES.redirected } };
    }
    const bodyText = await readBodyUpTo(response, MAX_BODY_BYTES);
    if (bodyText === undefined) {
      return { ok: false, failure: { kind: "unavailable", message: CLICKUP_MESSAGES.unavailable } };
    }
    return interpretClickUpResponse(response.status, response.headers, bodyText);
  } catch (error) {
    // Timeouts, refused connections, DNS failures, TLS errors: nobody answered usefully.
    // Log the kind of fault only; the request (and its Authorization header) stays out of logs.
    console.warn(`[clickup] GET ${apiPath} failed: ${describeFetchError(error)}`);
    return { ok: false, failure: { kind: "unreachable", message: CLICKUP_MESSAGES.unreachable } };
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
function redirectTarget(response: Response): string {
  const location = response.headers.get("location");
  if (!location) return "nowhere (no Location)";
  try {
    return new URL(location, response.url).origin;
  } catch {
    return "an unparsable Location";
  }
}

function describeFetchError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown error";
  const cause = (error as { cause?: { code?: string } }).cause;
  return [error.name, cause?.code].filter(Boolean).join(" ");
}

/** Asks ClickUp whose token this is (`GET /api/v2/user`). */
export async function verifyClickUpToken(token: string): Promise<VerifyResult> {
  const answer = await getFromClickUp("/api/v2/user", token);
  if (!answer.ok) return answer;
  const account = parseClickUpUser(answer.json, token);
  if (!account) return { ok: false, failure: { kind: "unavailable", message: CLICKUP_MESSAGES.unavailable } };
  return { ok: true, account };
}

/** The Workspaces the token can reach (`GET /api/v2/team`). */
export async function listClickUpWorkspaces(token: string): Promise<ListWorkspacesResult> {
  const answer = await getFromClickUp("/api/v2/team", token);
  if (!answer.ok) return answer;
  const workspaces = parseClickUpTeams(answer.json, token);
  if (!workspaces) return { ok: false, failure: { kind: "unavailable", message: CLICKUP_MESSAGES.unavailable } };
  return { ok: true, workspaces };
}
