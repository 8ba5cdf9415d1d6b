"use client";

import { useParams } from "next/navigation";

import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";

/**
 * Shown while the Configure step renders: it asks the connector for the credential's Workspaces
 * live, which can take a few seconds. (A client component only to read the connector from the
 * URL; the step's own form already brings the connector catalogue to the browser.)
 */
export function ConfigureLoading() {
  const { connector } = useParams<{ connector: string }>();
  const definition = findConnectorDefinition(connector);
  return (
    <p role="status" className="flex items-center gap-3 text-slate-700 dark:text-slate-300">
      <span
        aria-hidden="true"
        className="size-5 rounded-full border-2 border-indigo-600 border-t-transparent motion-safe:animate-spin dark:border-indigo-400 dark:border-t-transparent"
      />
      {definition ? `Loading your ${definition.displayName} ${definition.workspaceLabel}s…` : "Loading…"}
    </p>
  );
}
