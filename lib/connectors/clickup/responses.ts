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
  unreachable:
    "Could not reach ClickUp (no answer in time, or the connection failed). Check your connection and try again.",
} as const;

const errorBodySchema = z.object({ err: z.string().optional(), ECODE: z.string().optional() });

const userBodySchema = z.object({
  user: z.object({
    id: z.union([z.number().int(), z.string().min(1)]),
    username: z.string().nullish(),
    email: z.string().nullish(),
  }),
});

const teamsBodySchema = z.object({
  teams: z.array(z.object({ id: z.union([z.string().min(1), z.number().int()]), name: z.string() })),
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

/** The account a token belongs to, from `GET /api/v2/user`; undefined if the shape is not ClickUp's. */
export function parseClickUpUser(json: unknown): ConnectorAccount | undefined {
  const parsed = userBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { id, username, email } = parsed.data.user;
  return { id: String(id), name: username?.trim() || "", email: email?.trim() || "" };
}

/** Workspaces ("teams" in API v2) from `GET /api/v2/team`; undefined if the shape is not ClickUp's. */
export function parseClickUpTeams(json: unknown): ConnectorWorkspace[] | undefined {
  const parsed = teamsBodySchema.safeParse(json);
  if (!parsed.success) return undefined;
  return parsed.data.teams.map((team) => ({ id: String(team.id), name: team.name.trim() || `Workspace ${team.id}` }));
}
