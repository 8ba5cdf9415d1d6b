import { DataTable } from "@/components/ui/data-table";
import type { ApiKeyView } from "@/lib/api-keys/results";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

import { ApiKeyScopesCell } from "./api-key-scopes-cell";
import { API_KEY_LIST_HEADING_ID, DeleteApiKeyButton } from "./delete-api-key-button";
import { RevokeApiKeyButton } from "./revoke-api-key-button";

const expired = (key: ApiKeyView, now: number) => key.expiresAt !== null && Date.parse(key.expiresAt) <= now;

function state(key: ApiKeyView, now: number): string {
  if (key.revokedAt) return `Revoked ${formatUtcDateTime(key.revokedAt)}`;
  if (!key.expiresAt) return "Never expires";
  return expired(key, now)
    ? `Expired ${formatUtcDateTime(key.expiresAt)}`
    : `Expires ${formatUtcDateTime(key.expiresAt)}`;
}

/**
 * The person's keys: name, prefix, created, last used, expiry, scopes; Revoke for the live ones, Delete
 * for those that no longer work (revoked or expired). A live key is never deleted outright.
 */
export function ApiKeyList({ keys }: { keys: ApiKeyView[] }) {
  // A server component: "now" is the time of this render.
  // eslint-disable-next-line react-hooks/purity
  const now = Date.now();
  return (
    <section aria-labelledby={API_KEY_LIST_HEADING_ID} className="space-y-3">
      {/* Focusable from script: where focus goes once a deleted key's row (and its button) is gone. */}
      <h2 id={API_KEY_LIST_HEADING_ID} tabIndex={-1} className="text-lg font-semibold">
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
            { header: "Scopes", cellClassName: "break-words", cell: (key) => <ApiKeyScopesCell apiKey={key} /> },
            {
              header: "Actions",
              hiddenHeader: true,
              cell: (key) =>
                key.revokedAt || expired(key, now) ? (
                  <DeleteApiKeyButton id={key.id} name={key.name} />
                ) : (
                  <RevokeApiKeyButton id={key.id} name={key.name} />
                ),
            },
          ]}
        />
      )}
    </section>
  );
}
