import { CLICKUP_OAUTH_MESSAGES } from "@/lib/connectors/clickup/oauth";
import { CLICKUP_MESSAGES } from "@/lib/connectors/clickup/responses";
import { CREDENTIAL_MESSAGES, duplicateCredentialNameMessage } from "@/lib/credentials/messages";
import { DATABASE_MESSAGES } from "@/lib/db/messages";

/** What Connect to ClickUp and Reconnect say when they store nothing (issue #16). */
export const OAUTH_MESSAGES = {
  notConfigured: "Connecting with OAuth is not set up on this installation. Use an API key instead.",
  denied: "ClickUp says you did not authorise the app (Cancel was chosen), so nothing was saved.",
  unknownState:
    "This return from ClickUp does not match a Connect to ClickUp started here, or it was already used. Nothing was saved: choose Connect to ClickUp again.",
  foreignState:
    "This return from ClickUp belongs to a Connect to ClickUp started in another session. Nothing was saved: choose Connect to ClickUp again.",
  expiredState:
    "The ClickUp authorisation took longer than 10 minutes and expired. Nothing was saved: choose Connect to ClickUp again.",
  missingCode: "ClickUp sent you back without an authorisation. Nothing was saved: choose Connect to ClickUp again.",
  tokenRejected:
    "ClickUp gave an access token but then rejected it. Nothing was saved: choose Connect to ClickUp again, or ask your administrator to check the OAuth app.",
  rateLimited:
    "ClickUp's rate limit is reached. Nothing was saved: wait a minute, then choose Connect to ClickUp again.",
  tooManyChecks: "Too many token checks in the last minute. Nothing was saved: wait a minute, then try again.",
  accountChanged:
    "ClickUp authorised a different ClickUp account from the one this credential uses. Nothing was changed: sign in to ClickUp as the credential's account and choose Reconnect again, or add a new credential for the other account.",
  notOAuth: "This credential uses a personal API token, not OAuth: use Replace token instead.",
  reconnected: "Reconnected: ClickUp confirmed the new access token.",
  outcomeNotRecorded:
    "You are back from ClickUp, but the database could not keep the result for this page (it may be busy or unreachable). Open your credentials to see whether the credential was saved, and try again if it was not.",
} as const;

/**
 * Why a Connect to ClickUp or Reconnect stored nothing: a fixed code the callback keeps in the
 * outcome record (lib/oauth/outcome-store.ts), turned into words only by oauthFailureMessage.
 */
export type OAuthFailureReason = (typeof OAUTH_FAILURE_REASONS)[number];

const OAUTH_FAILURE_REASONS = [
  "not-configured",
  "denied",
  "unknown-state",
  "foreign-state",
  "expired-state",
  "missing-code",
  "code-rejected",
  "no-token",
  "token-rejected",
  "unavailable",
  "unreachable",
  "timed-out",
  "redirected",
  "rate-limited",
  "too-many-checks",
  "name-taken",
  "account-changed",
  "credential-gone",
  // A thrown error, as lib/failures says it.
  "bug",
  "database-busy",
  "database-out-of-space",
  "database-unreachable",
] as const;

/**
 * The message for a reason read from an outcome record. Only these fixed texts (and the person's
 * own credential name, kept in their record) are ever shown.
 */
export function oauthFailureMessage(reason: string | undefined, name = ""): string | undefined {
  if (!reason || !(OAUTH_FAILURE_REASONS as readonly string[]).includes(reason)) return undefined;
  switch (reason as OAuthFailureReason) {
    case "not-configured":
      return OAUTH_MESSAGES.notConfigured;
    case "denied":
      return OAUTH_MESSAGES.denied;
    case "unknown-state":
      return OAUTH_MESSAGES.unknownState;
    case "foreign-state":
      return OAUTH_MESSAGES.foreignState;
    case "expired-state":
      return OAUTH_MESSAGES.expiredState;
    case "missing-code":
      return OAUTH_MESSAGES.missingCode;
    case "code-rejected":
      return CLICKUP_OAUTH_MESSAGES.codeRejected;
    case "no-token":
      return CLICKUP_OAUTH_MESSAGES.noToken;
    case "token-rejected":
      return OAUTH_MESSAGES.tokenRejected;
    case "unavailable":
      return CLICKUP_MESSAGES.unavailable;
    case "unreachable":
      return CLICKUP_MESSAGES.noConnection;
    case "timed-out":
      return CLICKUP_MESSAGES.timedOut;
    case "redirected":
      return CLICKUP_OAUTH_MESSAGES.redirected;
    case "rate-limited":
      return OAUTH_MESSAGES.rateLimited;
    case "too-many-checks":
      return OAUTH_MESSAGES.tooManyChecks;
    case "name-taken":
      return duplicateCredentialNameMessage(name, "ClickUp");
    case "account-changed":
      return OAUTH_MESSAGES.accountChanged;
    case "credential-gone":
      return CREDENTIAL_MESSAGES.notFound;
    case "bug":
      return CREDENTIAL_MESSAGES.saveFailed;
    case "database-busy":
      return DATABASE_MESSAGES.busy;
    case "database-out-of-space":
      return DATABASE_MESSAGES.outOfSpace;
    case "database-unreachable":
      return DATABASE_MESSAGES.unreachable;
  }
}
