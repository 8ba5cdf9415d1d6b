/** The events an alert can be (docs/glossary.md "alert"); webhooks subscribe to them by these names. */
export const ALERT_TYPES = [
  "credential.broken",
  "credential.recovered",
  "credential.account_changed",
  "endpoint.workspace_lost",
  "endpoint.workspace_restored",
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** A source or destination an alert is about, or affected by it. */
export interface AlertEndpoint {
  id: string;
  kind: "source" | "destination";
  name: string;
  workspaceId: string;
  workspaceName: string;
  /** Its page, when APP_URL is set. */
  url?: string;
}

/**
 * The JSON body of an alert as webhooks deliver it (Standard Webhooks: `type`, `timestamp`, `data`),
 * stored with the alert so every delivery of it is the same bytes. Names, ids and links only:
 * never a token, never its last four characters.
 */
export interface AlertPayload {
  /** The alert's id (also the `webhook-id` header): a receiver drops a repeat by it. */
  id: string;
  type: AlertType;
  timestamp: string;
  data: {
    credential: {
      id: string;
      name: string;
      connector: string;
      state: string;
      reason: string;
      url?: string;
    };
    /** For credential.*: every source and destination using it; for endpoint.*: the one it is about. */
    endpoints: AlertEndpoint[];
  };
}
