import { formatUtcDateTime } from "@/lib/format/date.browser-safe";
import { WEBHOOK_MESSAGES } from "@/lib/webhooks/messages";
import type { WebhookView } from "@/lib/webhooks/results";

import { DeleteWebhookButton, WEBHOOK_LIST_HEADING_ID } from "./delete-webhook-button";
import { DeliveryLog } from "./delivery-log";
import { SendTestEventButton } from "./send-test-event-button";

/** Every webhook: where it posts, what it receives, Send test event, Delete, and its delivery log. */
export function WebhookList({ webhooks }: { webhooks: WebhookView[] }) {
  return (
    <section aria-labelledby={WEBHOOK_LIST_HEADING_ID} className="space-y-4">
      {/* Focusable from script: where focus goes once a deleted webhook (and its button) is gone. */}
      <h2 id={WEBHOOK_LIST_HEADING_ID} tabIndex={-1} className="text-lg font-semibold">
        Your webhooks
      </h2>
      {webhooks.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">No webhooks yet.</p>
      ) : (
        webhooks.map((webhook) => <WebhookItem key={webhook.id} webhook={webhook} />)
      )}
    </section>
  );
}

function WebhookItem({ webhook }: { webhook: WebhookView }) {
  const headingId = `webhook-${webhook.id}`;
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800"
    >
      <h3 id={headingId} className="font-mono text-base font-semibold break-all">
        {webhook.url}
      </h3>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        Receives <span className="font-mono">{webhook.events.join(", ")}</span>. Added by {webhook.createdByName} on{" "}
        {formatUtcDateTime(webhook.createdAt)}.
      </p>
      {!webhook.secretReadable && (
        <p className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {WEBHOOK_MESSAGES.secretUnreadable}
        </p>
      )}
      <div className="flex flex-wrap items-start gap-3">
        <SendTestEventButton id={webhook.id} url={webhook.url} />
        <DeleteWebhookButton id={webhook.id} url={webhook.url} />
      </div>
      <DeliveryLog webhook={webhook} />
    </section>
  );
}
