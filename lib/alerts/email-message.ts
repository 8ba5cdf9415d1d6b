import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";

import { emailMessages as say } from "./messages";
import type { AlertPayload } from "./types";

/**
 * The email for an alert, in plain text: which credential, what happened and why, the sources
 * and destinations it affects, and links to them when APP_URL is set (the payload carries them).
 * Built from the stored payload only, which never holds a token.
 */
export function composeAlertEmail(payload: AlertPayload): { subject: string; text: string } {
  const { credential, endpoints } = payload.data;
  const connector = findConnectorDefinition(credential.connector)?.displayName ?? credential.connector;
  const lines = [
    say.subject[payload.type](credential.name, connector) + ".",
    "",
    ...(credential.reason ? [say.why(credential.reason)] : []),
    say.when(payload.timestamp),
    "",
    ...(endpoints.length
      ? [
          say.affected,
          ...endpoints.map(
            (endpoint) =>
              `- ${say.endpoint(endpoint.kind, endpoint.name, endpoint.workspaceName)}${endpoint.url ? `: ${endpoint.url}` : ""}`,
          ),
        ]
      : [say.unaffected]),
    "",
    ...(credential.url ? [say.open(credential.url)] : []),
    say.credentialId(credential.id),
    say.alertId(payload.id),
    "",
    say.footer,
  ];
  return { subject: say.subject[payload.type](credential.name, connector), text: lines.join("\n") + "\n" };
}
