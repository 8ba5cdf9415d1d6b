import { ID_PATTERN, toPlainLabel } from "@/lib/text-safety.browser-safe";
import { z } from "@/lib/zod";

import type { ConnectorAccount, ConnectorFailure, ConnectorWorkspace } from "../types.browser-safe";

/**
 * Turning what ClickUp answered into either data or a failure a person can act on. Pure
 * functions of (status, headers, body text), so every case is unit-tested without a network.
 */

export const CLICKUP_MESSAGES = {
  rejected:
    "ClickUp rejected this API key. Check that it was copied whole, or regenerate it in ClickUp (Settings > Apps > API Token) and paste the new one.",
  unavailable: "ClickUp is having trouble right now. Please try again in a moment.",
  /** ClickUp took longer than CLICKUP_TIMEOUT_MS (to answer, or to finish its answer). */
  timedOut: "ClickUp did not answer the server in time. Nothing was changed; try again in a moment.",
  /** Refused, unresolvable, reset, TLS: no conversation with ClickUp at all (these fail at once). */
  noConnection:
    "The server could not connect to ClickUp (the connection was refused, or ClickUp's address did not resolve). Nothing was changed. Try again later; if it keeps happening, whoever runs this app should check the server's network and CLICKUP_API_BASE_URL.",
  redirected:
    "ClickUp answered with a redirect to another address instead of an answer. The app does not follow redirects, so your API key was not sent on. Try again later; if it keeps happening, ask your administrator to check CLICKUP_API_BASE_URL.",
} as const;

const errorBodySchema = z.object({ err: z.string().optional(), ECODE: z.string().optional() });

/**
 * What ClickUp sends back is chosen by whoever controls the ClickUp account (its name, its
 * Workspaces' names), and reaches pages, the Activity and the database. Names and emails are kept
 * to these many characters (an email address has at most 254); one that contains the token is
 * replaced by `hidden`.
 */
export const CLICKUP_TEXT_LIMITS = { name: 200, email: 254, hidden: "(hidden)" } as const;

// Ids are used as they come (stored, compared, put in forms): plain ids only.
const idSchema = z.union([z.number().int().nonnegative(), z.string().regex(ID_PATTERN)]);

const userBodySchema = z.object({
  user: z.object({
    id: idSchema,
    username: z.string().nullish(),
    email: z.string().nullish(),
  }),
});

const teamsBodySchema = z.object({
  teams: z.array(z.object({ id: idSchema, name: z.string() })),
});

export type ClickUpAnswer = { ok: true; json: unknown } | { ok: false; failure: ConnectorFailure };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Maps one HTTP answer from ClickUp to parsed JSON (2xx) or a failure. */
export function interpretClickUpResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  now: Date = new Date(),
): ClickUpAnswer {
  const json = parseJson(bodyText);
  const errorBody = errorBodySchema.safeParse(json);
  const ecode = errorBody.success ? errorBody.data.ECODE : undefined;

  // ClickUp reports token problems with OAUTH_* codes; whatever the status, the key is the problem.
  if (ecode?.startsWith("OAUTH_") || status === 401) {
    return { ok: false, failure: { kind: "rejected", message: CLICKUP_MESSAGES.rejected } };
  }
  if (status === 429) return { ok: false, failure: rateLimitFailure(headers, now) };
  if (status >= 200 && status < 300 && json !== undefined) return { ok: true, json };
  // 5xx, an HTML error page, malformed JSON, or any other status we were not promised.
  return { ok: false, failure: { kind: "unavailable", message: CLICKUP_MESSAGES.unavailable } };
}

/** A header's number, or NaN when absent or blank (Number(null) would be 0, i.e. "retry now"). */
function numericHeader(headers: Headers, name: string): number {
  const value = headers.get(name)?.trim();
  return value ? Number(value) : Number.NaN;
}

function rateLimitFailure(headers: Headers, now: Date): ConnectorFailure {
  const resetSeconds = numericHeader(headers, "x-ratelimit-reset");
  const retryAfterSeconds = numericHeader(headers, "retry-after");
  let retryAt: Date | undefined;
  if (Number.isFinite(resetSeconds) && resetSeconds > now.getTime() / 1000 - 60) {
    retryAt = new Date(resetSeconds * 1000);
  } else if (Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
    retryAt = new Date(now.getTime() + retryAfterSeconds * 1000);
  }
  if (!retryAt) {
    return {
      kind: "rate-limited",
      message: "ClickUp's rate limit for this API key is reached. Wait a minute, then try again.",
    };
  }
  const waitSeconds = Math.max(0, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  const clock = retryAt.toISOString().slice(11, 19);
  return {
    kind: "rate-limited",
    retryAt: retryAt.toISOString(),
    message: `ClickUp's rate limit for this API key is reached. Try again after ${clock} UTC (in about ${waitSeconds} seconds).`,
  };
}

// A piece of the token this long is as good as the token (its last four are shown anyway).
const TOKEN_PIECE_LENGTH = 12;

/** Letters and digits only, lower case: so spaces, dashes, case or hidden characters cannot disguise the token. */
function squashed(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Whether `text` holds the token, or any TOKEN_PIECE_LENGTH letters and digits in a row of it. */
function revealsToken(text: string, token: string): boolean {
  const haystack = squashed(text);
  const needle = squashed(token);
  const length = Math.min(TOKEN_PIECE_LENGTH, needle.length);
  if (length === 0) return false;
  for (let start = 0; start + length <= needle.length; start++) {
    if (haystack.includes(needle.slice(start, start + length))) return true;
  }
  return false;
}

/** A name or email from ClickUp as it may be stored and shown. */
function cleanText(value: string | null | undefined, maxLength: number, token: string): string {
  if (!value) return "";
  if (revealsToken(value, token)) return CLICKUP_TEXT_LIMITS.hidden;
  return toPlainLabel(value, maxLength);
}

/**
 * The account a token belongs to, from `GET /api/v2/user`, cleaned (see CLICKUP_TEXT_LIMITS);
 * undefined if the shape is not ClickUp's.
 */
export function parseClickUpUser(json: unknown, token: string): ConnectorAccount | undefined {
  const parsed = userBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { id, username, email } = parsed.data.user;
  if (revealsToken(String(id), token)) return undefined;
  return {
    id: String(id),
    name: cleanText(username, CLICKUP_TEXT_LIMITS.name, token),
    email: cleanText(email, CLICKUP_TEXT_LIMITS.email, token),
  };
}

/**
 * Workspaces ("teams" in API v2) from `GET /api/v2/team`, names cleaned as account names are;
 * undefined if the shape is not ClickUp's.
 */
export function parseClickUpTeams(json: unknown, token: string): ConnectorWorkspace[] | undefined {
  const parsed = teamsBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  if (parsed.data.teams.some((team) => revealsToken(String(team.id), token))) return undefined;
  return parsed.data.teams.map((team) => ({
    id: String(team.id),
    name: cleanText(team.name, CLICKUP_TEXT_LIMITS.name, token) || `Workspace ${team.id}`,
  }));
}
