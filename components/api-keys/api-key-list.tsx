import { TableRegion } from "@/components/ui/table-region";
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
        <TableRegion label="Your API keys">
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                {["Name", "Prefix", "Created", "Last used", "Expiry"].map((title) => (
                  <th key={title} scope="col" className="py-2 pr-4">
                    {title}
                  </th>
                ))}
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                  <td className="py-2 pr-4 break-words">{key.name}</td>
                  <td className="py-2 pr-4 font-mono">{key.prefix}…</td>
                  <td className="py-2 pr-4">{formatUtcDateTime(key.createdAt)}</td>
                  <td className="py-2 pr-4">{key.lastUsedAt ? formatUtcDateTime(key.lastUsedAt) : "Never"}</td>
                  <td className="py-2 pr-4">{state(key, now)}</td>
                  <td className="py-2">{!key.revokedAt && <RevokeApiKeyButton id={key.id} name={key.name} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </section>
  );
}
