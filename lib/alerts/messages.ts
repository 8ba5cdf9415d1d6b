import type { AlertType } from "./types";

/** What deliveries say: the email alert, and a delivery's lastError. Never a token or secret. */
export const deliveryMessages = {
  failed: "The attempt failed.",
  unexpected: "The delivery failed unexpectedly; it is retried.",
  alertGone: "The alert was deleted.",
  unknownChannel: "Unknown delivery channel.",
  mailRefused: (code: number) => `The mail server refused the message (${code}).`,
  mailUnreachable: (code: string) => `The mail server could not be reached (${code}).`,
} as const;

/** Email alerts: subject and lines, by alert type. `connector` is its display name, e.g. ClickUp. */
export const emailMessages = {
  subject: {
    "credential.broken": (name: string, connector: string) => `${connector} stopped accepting the credential "${name}"`,
    "credential.recovered": (name: string) => `Recovered: the credential "${name}" works again`,
    "credential.account_changed": (name: string, connector: string) =>
      `The credential "${name}" now belongs to another ${connector} account`,
    "endpoint.workspace_lost": (name: string) => `The credential "${name}" lost access to a Workspace`,
    "endpoint.workspace_restored": (name: string) => `The credential "${name}" reaches a Workspace again`,
  } satisfies Record<AlertType, (name: string, connector: string) => string>,
  why: (reason: string) => `Why: ${reason}`,
  when: (at: string) => `When: ${at}`,
  affected: "Sources and destinations it affects:",
  unaffected: "No source or destination uses it.",
  endpoint: (kind: "source" | "destination", name: string, workspace: string) =>
    `${kind === "source" ? "Source" : "Destination"} "${name}" (Workspace ${workspace})`,
  open: (url: string) => `Open the credential: ${url}`,
  credentialId: (id: string) => `Credential id: ${id}`,
  alertId: (id: string) => `Alert id: ${id} (the same id is on every copy of this alert)`,
  footer: "You receive this because you own or use this credential.",
} as const;
