"use client";

import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

import { IntentLink } from "./intent-link";

/** Where the link leads: the credentials list filtered to those needing attention. */
export const NEEDS_ATTENTION_HREF = "/credentials?state=attention";

/**
 * "Needs attention" with the count of credentials the person owns or uses that are broken,
 * changed account or unreadable; nothing when there are none. The count is fetched after the page
 * shows, after each client-side navigation (the header itself is not re-rendered then) and after
 * each refresh of the page's data (`renderedAt` changes: an action such as Verify now), so no page
 * waits for it and it is right wherever the person goes.
 */
export function NeedsAttentionLink({ className, renderedAt }: { className: string; renderedAt: number }) {
  const pathname = usePathname();
  const [count, setCount] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      fetch("/credentials/needs-attention", { cache: "no-store", signal: controller.signal })
        .then((response) => (response.ok ? response.json() : undefined))
        .then((body: unknown) => {
          const value = (body as { count?: unknown } | undefined)?.count;
          if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) setCount(value);
        })
        .catch(() => {
          // Offline or navigating away: the count stays as it was.
        });
    void load();
    // A tab left open learns of a change when the person comes back to it.
    const onVisible = () => document.visibilityState === "visible" && void load();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      controller.abort();
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [pathname, renderedAt]);
  if (count === 0) return null;
  return (
    <IntentLink href={NEEDS_ATTENTION_HREF} className={className}>
      Needs attention{" "}
      <span className="ml-1 inline-block rounded-full border border-amber-700 bg-amber-100 px-2 text-xs font-semibold text-amber-900 dark:border-amber-300 dark:bg-amber-950 dark:text-amber-100">
        {count}
      </span>
    </IntentLink>
  );
}
