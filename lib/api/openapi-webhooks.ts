import "server-only";

import { ALERT_TYPES } from "@/lib/alerts/types";
import { TEST_EVENT_TYPE } from "@/lib/webhooks/schemas.browser-safe";

// The OpenAPI 3.1 `webhooks` section: what this app POSTs to each webhook an admin adds, one entry
// per event type. The bodies are the AlertEvent and TestEvent schemas (lib/api/response-schemas.ts).

const SUMMARIES: Record<(typeof ALERT_TYPES)[number] | typeof TEST_EVENT_TYPE, string> = {
  "credential.broken": "ClickUp stopped accepting a credential's token",
  "credential.recovered": "A credential works again (its token accepted again, replaced or reconnected)",
  "credential.account_changed": "A credential's token now belongs to another ClickUp account",
  "endpoint.workspace_lost": "A source's or destination's credential no longer reaches its Workspace",
  "endpoint.workspace_restored": "A source's or destination's credential reaches its Workspace again",
  "webhook.test": 'Sent by "Send test event" only',
};

/** The Standard Webhooks headers every delivery carries. */
const SIGNATURE_HEADERS = [
  {
    name: "webhook-id",
    description: "The event's id (the body's `id`); the same on every retry: drop a repeat by it.",
  },
  { name: "webhook-timestamp", description: "When it was signed, in Unix seconds: refuse one far from now." },
  {
    name: "webhook-signature",
    description:
      "`v1,<base64 HMAC-SHA256>` of `<webhook-id>.<webhook-timestamp>.<body>` with the signing secret, per the Standard Webhooks specification; verify it with its library.",
  },
].map((header) => ({ ...header, in: "header", required: true, schema: { type: "string" } }));

function eventEntry(type: keyof typeof SUMMARIES, schema: "AlertEvent" | "TestEvent") {
  const id = type.replace(/[._](\w)/g, (_, letter: string) => letter.toUpperCase());
  return {
    post: {
      operationId: `${id}Event`,
      tags: ["Webhooks"],
      summary: SUMMARIES[type],
      description: `Posted to every webhook subscribed to \`${type}\`, at least once (retried with back-off until a 2xx), in order per credential.`,
      // The receiver authenticates the sender by the signature, not by an API key.
      security: [],
      parameters: SIGNATURE_HEADERS,
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: {
              allOf: [{ $ref: `#/components/schemas/${schema}` }, { properties: { type: { const: type } } }],
            },
          },
        },
      },
      responses: {
        200: { description: "Any 2xx: delivered. 408, 429 and 5xx are tried again later." },
        400: { description: "Any other answer: refused; not tried again." },
      },
    },
  };
}

export function webhookEvents(): Record<string, unknown> {
  return Object.fromEntries([
    ...ALERT_TYPES.map((type) => [type, eventEntry(type, "AlertEvent")]),
    [TEST_EVENT_TYPE, eventEntry(TEST_EVENT_TYPE, "TestEvent")],
  ]);
}
