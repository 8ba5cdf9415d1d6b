import { notFound } from "next/navigation";
import { findConnectorDefinition } from "@/lib/connectors/catalog";
import { listCredentials } from "@/lib/credentials/service";
import { connectionKinds, type ConnectionKind } from "@/lib/connections/kinds";
import { AuthenticateScreen } from "./authenticate-screen";

/** The Authenticate step of creating a source or destination: pick or add a credential. */
interface Props {
  kind: ConnectionKind;
  connectorId: string;
  /** Coming back from the Configure step: the credential that was selected, and the name typed there. */
  selectedCredentialId?: string;
  draftName?: string;
}

export async function AuthenticatePage({ kind, connectorId, selectedCredentialId, draftName }: Props) {
  const connector = findConnectorDefinition(connectorId);
  if (!connector) notFound();
  const credentials = await listCredentials(connector.id);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm font-medium text-indigo-700 dark:text-indigo-300">
          New {connector.displayName} {connectionKinds[kind].label} · Step 1 of 2
        </p>
        <h1 className="mt-1 text-2xl font-semibold">Authenticate</h1>
        <p className="mt-2 max-w-prose text-slate-700 dark:text-slate-300">
          Choose the {connector.displayName} credential this {connectionKinds[kind].label} will use, or add a new one.
        </p>
      </div>
      <AuthenticateScreen
        kind={kind}
        connectorId={connector.id}
        initialCredentials={credentials}
        initialSelectedId={credentials.some((c) => c.id === selectedCredentialId) ? selectedCredentialId : undefined}
        draftName={draftName}
      />
    </div>
  );
}
