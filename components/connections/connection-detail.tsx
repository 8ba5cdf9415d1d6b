import Link from "next/link";
import { notFound } from "next/navigation";

import { requireViewer } from "@/lib/auth/session";
import { connectionKinds, type ConnectionKind } from "@/lib/connections/kinds.browser-safe";
import { findConnection } from "@/lib/connections/service";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

export async function ConnectionDetail({ kind, id }: { kind: ConnectionKind; id: string }) {
  const connection = await findConnection(await requireViewer(), kind, id);
  if (!connection) notFound();
  const { label, basePath } = connectionKinds[kind];
  const connector = findConnectorDefinition(connection.connector);
  const account = [connection.credential.accountName, connection.credential.accountEmail].filter(Boolean).join(", ");
  const rows: [string, string][] = [
    ["Kind", `${connector?.displayName ?? connection.connector} ${label}`],
    [connector?.workspaceLabel ?? "Workspace", `${connection.workspace.name} (id ${connection.workspace.id})`],
    ["Credential", `${connection.credential.name}${account ? ` — ${account}` : ""}`],
    ["Created", formatUtcDateTime(connection.createdAt)],
    ...(connection.ownerName ? [["Owner", connection.ownerName] as [string, string]] : []),
  ];
  return (
    <div className="space-y-6">
      <div>
        <Link href={basePath} className="text-sm text-indigo-700 underline dark:text-indigo-300">
          All {label}s
        </Link>
        <h1 className="mt-1 text-2xl font-semibold break-words">{connection.name}</h1>
      </div>
      <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
