import type * as z from "@/lib/zod-mini.browser-safe";

/**
 * How a credential's token was obtained: "api-key", a personal token pasted in the form; "oauth",
 * an access token from the connector's OAuth flow. The connector may send the two differently.
 */
export type AuthMethod = "api-key" | "oauth";

/** How a method is named wherever a credential is shown (tiles, list, detail). */
export const AUTH_METHOD_LABELS: Record<AuthMethod, string> = { "api-key": "API key", oauth: "OAuth" };

/** A stored authMethod column read back: anything but "oauth" is the original, "api-key". */
export function toAuthMethod(value: unknown): AuthMethod {
  return value === "oauth" ? "oauth" : "api-key";
}

/** Who a secret belongs to, as the connector's API reports it. Safe to show and store. */
export interface ConnectorAccount {
  id: string;
  name: string;
  email: string;
}

/**
 * Why a connector could not confirm a secret. `message` is written for the person and never
 * contains the secret.
 */
export type ConnectorFailure =
  | { kind: "rejected"; message: string }
  | { kind: "rate-limited"; message: string; retryAt?: string }
  | { kind: "unavailable"; message: string }
  /** No connection at all: refused, unresolvable, reset (these fail at once). */
  | { kind: "unreachable"; message: string }
  /** Connected, but no (whole) answer within the timeout. */
  | { kind: "timed-out"; message: string }
  /** It answered with a redirect, which is not followed (the token would go somewhere we did not choose). */
  | { kind: "redirected"; message: string };

/** An installation's OAuth app with a connector: the client, and where people authorise it and return. */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** Where the connector sends people back: APP_URL + /oauth/<connector>/callback. */
  redirectUri: string;
  /** The connector's authorise page. */
  authorizeUrl: string;
}

export type OAuthExchangeResult =
  | { ok: true; accessToken: string }
  /** `noToken`: the connector answered 2xx without an access token (a failure of its own kind). */
  | { ok: false; failure: ConnectorFailure; noToken?: true };

/**
 * A connector's optional OAuth capability: its app (when this installation has set one up), the
 * authorise URL for a state, and the code exchange. How an OAuth token is then sent is the
 * connector's too (`authMethod` "oauth" on verifyToken and listWorkspaces).
 */
export interface ConnectorOAuth {
  app(): OAuthApp | undefined;
  authorizeUrl(app: OAuthApp, state: string): string;
  exchangeCode(app: OAuthApp, code: string): Promise<OAuthExchangeResult>;
}

export type VerifyResult = { ok: true; account: ConnectorAccount } | { ok: false; failure: ConnectorFailure };

/** A top-level container a source reads from or a destination writes to (ClickUp: a Workspace). */
export interface ConnectorWorkspace {
  id: string;
  name: string;
}

export type ListWorkspacesResult =
  { ok: true; workspaces: ConnectorWorkspace[] } | { ok: false; failure: ConnectorFailure };

/**
 * What the browser and the server both need to know about a connector: names, help text, and the
 * rules a pasted token must pass before anyone is asked about it. Pure data + zod, so client
 * components can import it.
 */
export interface ConnectorDefinition {
  id: string;
  displayName: string;
  /** Word the connector's UI uses for its top-level container (ClickUp: "Workspace"). */
  workspaceLabel: string;
  token: {
    /** Help under the form's "API Key" field (the product's word for the token). */
    help: string;
    /** Normalises (trims) and validates a pasted token. zod/mini: it runs in the browser too. */
    schema: z.ZodMiniType<string, string>;
  };
}

/** What a caller may learn of one call to the connector besides its result. */
export interface ConnectorCallOptions {
  /** Told the status and headers of the connector's answer, when one came (the rate budget reads them). */
  onAnswer?: (answer: { status: number; headers: Headers }) => void;
}

/** The server half: how to ask the connector's API whose token this is, and what it can reach. */
export interface ConnectorServer {
  definition: ConnectorDefinition;
  /** `authMethod` says how to send the token (default "api-key", as pasted in the form). */
  verifyToken(token: string, authMethod?: AuthMethod, options?: ConnectorCallOptions): Promise<VerifyResult>;
  listWorkspaces(token: string, authMethod?: AuthMethod, options?: ConnectorCallOptions): Promise<ListWorkspacesResult>;
  /** Absent: the connector has no OAuth app (credentials are pasted tokens only). */
  oauth?: ConnectorOAuth;
}
