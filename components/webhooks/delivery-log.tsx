import { DataTable } from "@/components/ui/data-table";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";
import { DELIVERY_LOG_LENGTH } from "@/lib/webhooks/queries";
import type { DeliveryView, WebhookView } from "@/lib/webhooks/results";

function status(delivery: DeliveryView): string {
  if (delivery.status === "delivered") return "Delivered";
  if (delivery.status === "failed") return "Failed";
  return delivery.nextAttemptAt ? `Pending: next try ${formatUtcDateTime(delivery.nextAttemptAt)}` : "Pending";
}

/** What the receiver last answered: its status code, and why that was not a delivery when it was not. */
function lastAnswer(delivery: DeliveryView): string {
  const parts = [delivery.lastStatusCode === null ? "" : String(delivery.lastStatusCode), delivery.lastError];
  return parts.filter(Boolean).join(": ") || "None yet";
}

/** A webhook's most recent deliveries, newest first. */
export function DeliveryLog({ webhook }: { webhook: WebhookView }) {
  if (webhook.deliveries.length === 0)
    return <p className="text-sm text-slate-700 dark:text-slate-300">Nothing sent to this webhook yet.</p>;
  return (
    <DataTable
      label={`Deliveries to ${webhook.url} (the latest ${DELIVERY_LOG_LENGTH})`}
      rows={webhook.deliveries}
      rowKey={(delivery) => delivery.id}
      columns={[
        { header: "Event", cellClassName: "font-mono", cell: (delivery) => delivery.event },
        { header: "Status", cell: status },
        { header: "Attempts", cell: (delivery) => delivery.attempts },
        { header: "Last answer", cellClassName: "break-words", cell: lastAnswer },
        { header: "When", cell: (delivery) => formatUtcDateTime(delivery.deliveredAt ?? delivery.createdAt) },
      ]}
    />
  );
}
