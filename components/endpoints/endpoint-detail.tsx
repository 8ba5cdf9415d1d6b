import Link from "next/link";
import { notFound } from "next/navigation";

import { standaloneLinkClass } from "@/components/ui/text-link";
import { requireSignedInPerson } from "@/lib/auth/session";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { findEndpoint } from "@/lib/endpoints/queries";
import { formatClickUpAccount } from "@/lib/format/account.browser-safe";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

import { EndpointActions } from "./endpoint-actions";

export async function EndpointDetail({ kind, id }: { kind: EndpointKind; id: string }) {
  const endpoint = await findEndpoint(await requireSignedInPerson(), kind, id);
  if (!endpoint) notFound();
  const { label, basePath } = endpointKinds[kind];
  const connector = findConnectorDefinition(endpoint.connector);
  const account = formatClickUpAccount({
    name: endpoint.credential.accountName,
    email: endpoint.credential.accountEmail,
  });
  const rows: [string, string][] = [
    ["Kind", `${connector?.displayName ?? endpoint.connector} ${label}`],
    [connector?.workspaceLabel ?? "Workspace", `${endpoint.workspace.name} (id ${endpoint.workspace.id})`],
    ["Credential", `${endpoint.credential.name}${account ? ` — ${account}` : ""}`],
    ["Created", formatUtcDateTime(endpoint.createdAt)],
    ...(endpoint.ownerName ? [["Owner", endpoint.ownerName] as [string, string]] : []),
  ];
  return (
    <div className="space-y-6">
      <div>
        <Link
          href={basePath}
          className={`${standaloneLinkClass} text-sm text-indigo-700 underline dark:text-indigo-300`}
        >
          All {label}s
        </Link>
        <h1 className="mt-1 text-2xl font-semibold break-words">{endpoint.name}</h1>
      </div>
      <dl className="grid max-w-2xl grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{term}</dt>
            <dd className="wrap-anywhere">{value}</dd>
          </div>
        ))}
      </dl>
      <EndpointActions kind={kind} id={endpoint.id} name={endpoint.name} />
    </div>
  );
}
