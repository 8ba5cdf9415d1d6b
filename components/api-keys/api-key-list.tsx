import { DataTable } from "@/components/ui/data-table";
import type { ApiKeyView } from "@/lib/api-keys/results";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

import { RevokeApiKeyButton } from "./revoke-api-key-button";

function state(key: ApiKeyView, now: number): string {
  if (key.revokedAt) return `Revoked ${formatUtcDateTime(key.revokedAt)}`;
  if (!key.expiresAt) return "Never expires";
  return Date.parse(key.expiresAt) <= now
    ? `Expired ${formatUtcDateTime(key.expiresAt)}`
    : `Expires ${formatUtcDateTime(key.expiresAt)}`;
}

/** The person's keys: name, prefix, created, last used, expiry, and Revoke for the live ones. */
export function ApiKeyList({ keys }: { keys: ApiKeyView[] }) {
  // A server component: "now" is the time of this render.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  return (
    <section aria-labelledby="your-api-keys" className="space-y-3">
      <h2 id="your-api-keys" className="text-lg font-semibold">
        Your API keys
      </h2>
      {keys.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">You have no API keys yet.</p>
      ) : (
        <DataTable
          label="Your API keys"
          rows={keys}
          rowKey={(key) => key.id}
          columns={[
            { header: "Name", cellClassName: "break-words", cell: (key) => key.name },
            { header: "Prefix", cellClassName: "font-mono", cell: (key) => `${key.prefix}…` },
            { header: "Created", cell: (key) => formatUtcDateTime(key.createdAt) },
            { header: "Last used", cell: (key) => (key.lastUsedAt ? formatUtcDateTime(key.lastUsedAt) : "Never") },
            { header: "Expiry", cell: (key) => state(key, now) },
            {
              header: "Actions",
              hiddenHeader: true,
              cell: (key) => !key.revokedAt && <RevokeApiKeyButton id={key.id} name={key.name} />,
            },
          ]}
        />
      )}
    </section>
  );
}
