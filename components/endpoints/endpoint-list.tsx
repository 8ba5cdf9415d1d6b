import Link from "next/link";

import { buttonClasses } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { standaloneLinkClass } from "@/components/ui/text-link";
import { requireSignedInPerson } from "@/lib/auth/session";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { listEndpoints } from "@/lib/endpoints/queries";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

export async function EndpointList({ kind }: { kind: EndpointKind }) {
  const { label, basePath } = endpointKinds[kind];
  const endpoints = await listEndpoints(await requireSignedInPerson(), kind);
  const title = `${label[0].toUpperCase()}${label.slice(1)}s`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <Link href={`${basePath}/new`} className={buttonClasses("primary", "md")}>
          New {label}
        </Link>
      </div>
      {endpoints.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">No {label}s yet.</p>
      ) : (
        <DataTable
          label={title}
          rows={endpoints}
          rowKey={(endpoint) => endpoint.id}
          columns={[
            {
              header: "Name",
              cell: (endpoint) => (
                <>
                  <Link
                    href={`${basePath}/${endpoint.id}`}
                    className={`${standaloneLinkClass} font-medium text-indigo-700 underline dark:text-indigo-300`}
                  >
                    {endpoint.name}
                  </Link>
                  {endpoint.ownerName && (
                    <span className="block text-slate-700 dark:text-slate-300">Owner: {endpoint.ownerName}</span>
                  )}
                </>
              ),
            },
            { header: "Workspace", cell: (endpoint) => endpoint.workspace.name },
            { header: "Credential", cell: (endpoint) => endpoint.credential.name },
            { header: "Created", cell: (endpoint) => formatUtcDateTime(endpoint.createdAt) },
          ]}
        />
      )}
    </div>
  );
}
