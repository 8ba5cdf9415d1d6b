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

export type VerifyResult = { ok: true; account: ConnectorAccount } | { ok: false; failure: ConnectorFailure };

/** A top-level container a source reads from or a destination writes to (ClickUp: a Workspace). */
export interface ConnectorWorkspace {
  id: string;
  name: string;
}

export type ListWorkspacesResult =
  { ok: true; workspaces: ConnectorWorkspace[] } | { ok: false; failure: ConnectorFailure };

/**
 * What the browser and the server both need to know about an API-key connector: names, help
 * text, and the rules a key must pass before anyone is asked about it. Pure data + zod, so client
 * components can import it.
 */
export interface ApiKeyConnectorDefinition {
  id: string;
  displayName: string;
  /** Word the connector's UI uses for its top-level container (ClickUp: "Workspace"). */
  workspaceLabel: string;
  apiKey: {
    /** Help under the API Key field. */
    help: string;
    /** Normalises (trims) and validates a pasted key. zod/mini: it runs in the browser too. */
    schema: z.ZodMiniType<string, string>;
  };
}

/** The server half: how to ask the connector's API whose key this is, and what it can reach. */
export interface ApiKeyConnectorServer {
  definition: ApiKeyConnectorDefinition;
  /** `authMethod` says how to send the token (default "api-key", as pasted in the form). */
  verifyApiKey(apiKey: string, authMethod?: AuthMethod): Promise<VerifyResult>;
  listWorkspaces(apiKey: string, authMethod?: AuthMethod): Promise<ListWorkspacesResult>;
}
