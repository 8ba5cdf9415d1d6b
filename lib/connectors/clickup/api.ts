import "server-only";

import type { AuthMethod, ConnectorCallOptions, ListWorkspacesResult, VerifyResult } from "../types.browser-safe";
import { requestClickUp } from "./request-clickup";
import {
  CLICKUP_MESSAGES,
  interpretClickUpResponse,
  parseClickUpTeams,
  parseClickUpUser,
  type ClickUpAnswer,
} from "./responses";

/**
 * The Authorization header ClickUp expects: a personal token goes raw (ClickUp rejects it sent as
 * "Bearer"), an OAuth access token goes as "Bearer <token>".
 */
export function clickUpAuthorization(token: string, authMethod: AuthMethod): string {
  return authMethod === "oauth" ? `Bearer ${token}` : token;
}

/**
 * GET one ClickUp API v2 path with a token, sent as its auth method requires
 * (clickUpAuthorization), hardened as every ClickUp call is (requestClickUp).
 * Never throws for network or HTTP trouble; never puts the token in what it returns.
 */
export async function getFromClickUp(
  apiPath: `/api/v2/${string}`,
  token: string,
  authMethod: AuthMethod = "api-key",
  { onAnswer }: ConnectorCallOptions = {},
): Promise<ClickUpAnswer> {
  const reply = await requestClickUp(apiPath, {
    method: "GET",
    headers: { Authorization: clickUpAuthorization(token, authMethod), Accept: "application/json" },
    onAnswer,
  });
  if (!reply.ok) return reply;
  return interpretClickUpResponse(reply.status, reply.headers, reply.bodyText);
}

/** Asks ClickUp whose token this is (`GET /api/v2/user`). */
export async function verifyClickUpToken(
  token: string,
  authMethod: AuthMethod = "api-key",
  options: ConnectorCallOptions = {},
): Promise<VerifyResult> {
  const answer = await getFromClickUp("/api/v2/user", token, authMethod, options);
  if (!answer.ok) return answer;
  const account = parseClickUpUser(answer.json, token);
  if (!account) return { ok: false, failure: { kind: "unavailable", message: CLICKUP_MESSAGES.unavailable } };
  return { ok: true, account };
}

/** The Workspaces the token can reach (`GET /api/v2/team`). */
export async function listClickUpWorkspaces(
  token: string,
  authMethod: AuthMethod = "api-key",
  options: ConnectorCallOptions = {},
): Promise<ListWorkspacesResult> {
  const answer = await getFromClickUp("/api/v2/team", token, authMethod, options);
  if (!answer.ok) return answer;
  const workspaces = parseClickUpTeams(answer.json, token);
  if (!workspaces) return { ok: false, failure: { kind: "unavailable", message: CLICKUP_MESSAGES.unavailable } };
  return { ok: true, workspaces };
}
