import Link from "next/link";

import { requireSignedInPerson } from "@/lib/auth/session";
import { connectorDefinitions } from "@/lib/connectors/catalog.browser-safe";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";

/** Step 0 of creating a source or destination: pick the connector. Built from the connector registry. */
export async function ConnectorCatalog({ kind }: { kind: EndpointKind }) {
  await requireSignedInPerson();
  const { label, basePath } = endpointKinds[kind];
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">New {label}</h1>
        <p className="mt-2 text-slate-700 dark:text-slate-300">Choose the connector this {label} uses.</p>
      </div>
      <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {connectorDefinitions.map((connector) => (
          <li key={connector.id}>
            <Link
              href={`${basePath}/new/${connector.id}`}
              className="flex min-h-24 flex-col justify-center rounded-lg border-2 border-slate-200 bg-white p-4 hover:border-indigo-400 dark:border-slate-700 dark:bg-slate-900"
            >
              <span className="font-semibold">{connector.displayName}</span>
              <span className="text-sm text-slate-700 dark:text-slate-300">Authenticate with a personal API token</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
