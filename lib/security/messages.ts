// What the app answers, in plain text, to requests it refuses before any page or action runs.

export const REFUSAL_MESSAGES = {
  unknownHost:
    "This app is not served under this host name. If this is the app's address, its administrator sets APP_URL or ALLOWED_HOSTS.",
  malformedUrl: "This address is malformed (it has a broken %-escape).",
  foreignOrigin:
    "Refused: this form was not sent from this app's own pages (the Origin header is missing or names another site).",
  bodyTooLarge: "Request body too large.",
  tooDeeplyNested: "Refused: the request body nests too deeply to be a form of this app.",
  notJson: "Refused: the request body is not a form of this app (it is not valid JSON).",
} as const;

/** The log line for a refused host name: which one, and what to set if it is ours. */
export function unknownHostLogLine(host: string, allowed: readonly string[]): string {
  const shown = JSON.stringify(host.length > 100 ? `${host.slice(0, 100)}…` : host);
  return `[http] Refused a request for host ${shown}: the app answers only for ${allowed.join(", ")}. If that is this app's address, set APP_URL to its public URL (e.g. https://credentials.example.com) or add the name to ALLOWED_HOSTS.`;
}

/** The log line for a loopback name sent from another machine. */
export function loopbackNameLogLine(host: string): string {
  const shown = JSON.stringify(host.length > 100 ? `${host.slice(0, 100)}…` : host);
  return `[http] Refused a request for host ${shown} from another machine: the loopback names are answered only to this one. Reach the app by its own name (APP_URL or ALLOWED_HOSTS).`;
}
