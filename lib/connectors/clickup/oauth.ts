import "server-only";

import { getEnv } from "@/lib/config/env";

import type { ConnectorOAuth, OAuthApp, OAuthExchangeResult } from "../types.browser-safe";
import { requestClickUp } from "./request-clickup";
import { interpretClickUpResponse } from "./responses";

/**
 * ClickUp's OAuth code exchange, written out rather than taken from an OAuth library: ClickUp
 * answers `{"access_token": "…"}` only — no `token_type`, no `expires_in` — and the strict,
 * well-kept clients (oauth4webapi, and openid-client built on it) refuse a token answer without
 * `token_type`; arctic sends the client secret in a Basic header, which ClickUp does not document.
 * The exchange is one POST; it gets the same hardening as every other ClickUp call (bounded time
 * and body, no redirects followed, nothing secret in results or logs) and its own tests
 * (tests/integration/clickup-oauth.test.ts).
 */

export const CLICKUP_OAUTH_MESSAGES = {
  codeRejected:
    "ClickUp did not accept the authorisation (it was already used, or it expired). Nothing was saved: choose Connect to ClickUp again.",
  noToken: "ClickUp's answer to the authorisation held no access token. Nothing was saved: try again in a moment.",
  redirected:
    "ClickUp answered the token exchange with a redirect to another address. Nothing was saved; if it keeps happening, ask your administrator to check CLICKUP_API_BASE_URL.",
} as const;

/** The path ClickUp sends a person back to after they authorise (or refuse) the OAuth app. */
export const CLICKUP_OAUTH_CALLBACK_PATH = "/oauth/clickup/callback";

/** The installation's ClickUp OAuth app, or undefined when OAuth is not configured (API key only). */
export function clickUpOAuthApp(): OAuthApp | undefined {
  const env = getEnv();
  if (!env.CLICKUP_OAUTH_CLIENT_ID || !env.CLICKUP_OAUTH_CLIENT_SECRET || !env.APP_URL) return undefined;
  return {
    clientId: env.CLICKUP_OAUTH_CLIENT_ID,
    clientSecret: env.CLICKUP_OAUTH_CLIENT_SECRET,
    redirectUri: `${env.APP_URL}${CLICKUP_OAUTH_CALLBACK_PATH}`,
    authorizeUrl: `${env.CLICKUP_APP_BASE_URL}/api`,
  };
}

/** ClickUp's authorise page for `state`: client_id, redirect_uri and state, as ClickUp documents. */
function clickUpAuthorizeUrl(app: OAuthApp, state: string): string {
  const url = new URL(app.authorizeUrl);
  url.searchParams.set("client_id", app.clientId);
  url.searchParams.set("redirect_uri", app.redirectUri);
  url.searchParams.set("state", state);
  return url.toString();
}

const TOKEN_PATH = "/api/v2/oauth/token";
// An access token is tens of characters; anything far longer is not one.
const MAX_TOKEN_LENGTH = 4096;

/**
 * `POST ${CLICKUP_API_BASE_URL}/api/v2/oauth/token` with client_id, client_secret and code (sent as
 * a form body, so the secret and code stay out of any URL a proxy logs). Never throws for network
 * or HTTP trouble.
 */
export async function exchangeClickUpCode(config: OAuthApp, code: string): Promise<OAuthExchangeResult> {
  const reply = await requestClickUp(TOKEN_PATH, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
    body: new URLSearchParams({ client_id: config.clientId, client_secret: config.clientSecret, code }),
    redirectedMessage: CLICKUP_OAUTH_MESSAGES.redirected,
  });
  if (!reply.ok) return reply;
  return interpretTokenAnswer(reply.status, reply.headers, reply.bodyText);
}

/** One token-endpoint answer as an access token or a failure; pure, so every case is testable. */
export function interpretTokenAnswer(status: number, headers: Headers, bodyText: string): OAuthExchangeResult {
  // 400/403 from the token endpoint: a code or client ClickUp refuses (whatever the body says).
  if (status === 400 || status === 403) {
    return { ok: false, failure: { kind: "rejected", message: CLICKUP_OAUTH_MESSAGES.codeRejected } };
  }
  const answer = interpretClickUpResponse(status, headers, bodyText);
  if (!answer.ok) {
    // OAUTH_* codes and 401 mean the code (or the app) was refused, not an API key.
    if (answer.failure.kind === "rejected") {
      return { ok: false, failure: { kind: "rejected", message: CLICKUP_OAUTH_MESSAGES.codeRejected } };
    }
    return answer;
  }
  // Other statuses come through interpretClickUpResponse as "unavailable"; a 2xx lands here.
  const token = (answer.json as { access_token?: unknown } | null)?.access_token;
  if (typeof token !== "string" || !/^[\x21-\x7e]+$/.test(token) || token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, noToken: true, failure: { kind: "unavailable", message: CLICKUP_OAUTH_MESSAGES.noToken } };
  }
  return { ok: true, accessToken: token };
}

/** ClickUp's OAuth capability, for its connector definition (server.ts). */
export const clickUpOAuth: ConnectorOAuth = {
  app: clickUpOAuthApp,
  authorizeUrl: clickUpAuthorizeUrl,
  exchangeCode: exchangeClickUpCode,
};
