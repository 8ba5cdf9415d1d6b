import type { AlertType } from "@/lib/alerts/types";
import { hasHiddenCharacters, ID_PATTERN } from "@/lib/text-safety.browser-safe";
import * as z from "@/lib/zod-mini.browser-safe";

/**
 * The events a webhook can subscribe to: the alert types (lib/alerts/types.ts ALERT_TYPES), listed
 * again here because this module runs in the browser and may import only browser-safe values. The
 * checks below fail to compile when the two lists differ in either direction.
 */
export const WEBHOOK_EVENTS = [
  "credential.broken",
  "credential.recovered",
  "credential.account_changed",
  "endpoint.workspace_lost",
  "endpoint.workspace_restored",
] as const satisfies readonly AlertType[];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
const everyAlertType: [Exclude<AlertType, WebhookEvent>] extends [never] ? true : false = true;
void everyAlertType;

/** What "Send test event" sends: not an alert, so no webhook subscribes to it; it goes to one on request. */
export const TEST_EVENT_TYPE = "webhook.test";

export const WEBHOOK_URL_MAX = 2000;

const urlMessage = "Enter the full address the events are posted to, starting with https:// or http://.";

/** Whether text is an absolute http(s) URL with a host and no user name or password in it. */
function isWebhookUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
}

function hasUserInfo(text: string): boolean {
  try {
    const url = new URL(text);
    return url.username !== "" || url.password !== "";
  } catch {
    return false;
  }
}

// Runs in the browser (the form) and again in the command, as every form schema.
export const newWebhookSchema = z.object({
  // Loopback and private addresses are accepted (the contract): only the admin adds webhooks, and a
  // receiver on the same machine or network is the common case.
  url: z.string({ message: urlMessage }).check(
    z.trim(),
    z.minLength(1, "Enter the webhook's URL."),
    z.maxLength(WEBHOOK_URL_MAX, `Keep the URL to ${WEBHOOK_URL_MAX} characters or fewer.`),
    z.refine((url) => !hasHiddenCharacters(url), "The URL contains invisible or control characters."),
    z.refine(isWebhookUrl, urlMessage),
    // It is shown on the page and kept in clear: a password in it would be shown to every admin and
    // every backup. The signature is how a receiver knows the sender.
    z.refine(
      (url) => !hasUserInfo(url),
      "Leave the user name and password out of the URL: receivers check the signature instead.",
    ),
  ),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { message: "Choose events from the list." }), {
      message: "Choose at least one event.",
    })
    .check(z.minLength(1, "Choose at least one event.")),
});

export type NewWebhookField = keyof z.output<typeof newWebhookSchema>;

export const webhookRefSchema = z.object({ id: z.string().check(z.regex(ID_PATTERN)) });
