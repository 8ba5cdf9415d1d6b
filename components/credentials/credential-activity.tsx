import type { CredentialEventType, CredentialEventView } from "@/lib/credentials/activity";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

const titles: Record<CredentialEventType, string> = {
  created: "Created",
  verified: "Verified",
  verify_failed: "Check failed",
  state_changed: "State changed",
  edited: "Edited",
  token_replaced: "Token replaced",
  account_kept: "New account kept",
  workspaces_listed: "Used to list Workspaces",
  key_rotated: "Re-encrypted with a new key",
  shared: "Shared",
  unshared: "Sharing ended",
  share_proxy_changed: "ClickUp proxy use changed",
  owner_changed: "Owner changed",
  deleted: "Deleted",
  endpoint_deleted: "No longer used by a source or destination",
  api_calls: "Called ClickUp through the ClickUp proxy",
};

/** The credential's history, newest first; a repeated check says how many times, and when the last was. */
export function CredentialActivity({ events }: { events: CredentialEventView[] }) {
  return (
    <section aria-labelledby="activity" className="space-y-3">
      <h2 id="activity" className="text-lg font-semibold">
        Activity
      </h2>
      <ol className="space-y-3 border-l-2 border-slate-200 pl-4 dark:border-slate-700">
        {events.map((event) => (
          <li key={event.id}>
            <p className="font-medium">
              {titles[event.type] ?? event.type}{" "}
              <time dateTime={event.createdAt} className="font-normal text-slate-700 dark:text-slate-300">
                · {formatUtcDateTime(event.createdAt)}
              </time>
              {event.actorName && (
                <span className="font-normal text-slate-700 dark:text-slate-300"> · by {event.actorName}</span>
              )}
              {event.times > 1 && (
                // Identical checks repeated within the hour are counted on one entry (lib/credentials/checks.ts).
                <span className="font-normal text-slate-700 dark:text-slate-300">
                  {" "}
                  · {event.times} times, the last <time dateTime={event.lastAt}>{formatUtcDateTime(event.lastAt)}</time>
                </span>
              )}
            </p>
            {event.detail && <p className="text-sm break-words text-slate-700 dark:text-slate-300">{event.detail}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
