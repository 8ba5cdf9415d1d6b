import Link from "next/link";

import { buttonClasses } from "@/components/ui/button";
import { TableRegion } from "@/components/ui/table-region";
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
        <TableRegion label={title}>
          <table className="w-full border-collapse text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300 dark:border-slate-700">
                <th scope="col" className="py-2 pr-4">
                  Name
                </th>
                <th scope="col" className="py-2 pr-4">
                  Workspace
                </th>
                <th scope="col" className="py-2 pr-4">
                  Credential
                </th>
                <th scope="col" className="py-2">
                  Created
                </th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id} className="border-b border-slate-200 dark:border-slate-800">
                  <td className="py-2 pr-4">
                    <Link
                      href={`${basePath}/${endpoint.id}`}
                      className={`${standaloneLinkClass} font-medium text-indigo-700 underline dark:text-indigo-300`}
                    >
                      {endpoint.name}
                    </Link>
                    {endpoint.ownerName && (
                      <span className="block text-slate-700 dark:text-slate-300">Owner: {endpoint.ownerName}</span>
                    )}
                  </td>
                  <td className="py-2 pr-4">{endpoint.workspace.name}</td>
                  <td className="py-2 pr-4">{endpoint.credential.name}</td>
                  <td className="py-2">{formatUtcDateTime(endpoint.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
