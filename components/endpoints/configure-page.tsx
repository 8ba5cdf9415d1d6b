import Link from "next/link";
import { notFound } from "next/navigation";

import { describeOwner } from "@/components/credentials/credential-ownership";
import { FormAlert } from "@/components/ui/form-alert";
import { standaloneLinkClass } from "@/components/ui/text-link";
import { requireSignedInPerson } from "@/lib/auth/session";
import { getBudgetUse } from "@/lib/clickup-budget/budget-use";
import { BUDGET_MESSAGES } from "@/lib/clickup-budget/messages";
import { isBudgetNearlySpent } from "@/lib/clickup-budget/nearly-spent";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import { getCredential } from "@/lib/credentials/queries";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";

import { ConfigureForm } from "./configure-form";

interface Props {
  kind: EndpointKind;
  connectorId: string;
  credentialId: string | undefined;
  draftName: string | undefined;
}

/**
 * Step 2: name the source/destination and choose the Workspace. The Workspaces are listed live with
 * the selected credential once the page is shown (ConfigureForm), never while rendering it: a
 * plain GET spends nobody's ClickUp allowance and writes nothing.
 */
export async function ConfigurePage({ kind, connectorId, credentialId, draftName }: Props) {
  const connector = findConnectorDefinition(connectorId);
  if (!connector) notFound();
  const { label, basePath } = endpointKinds[kind];
  const authenticatePath = `${basePath}/new/${connector.id}`;
  const person = await requireSignedInPerson();
  const credential = credentialId
    ? await getCredential(person, credentialId, { connector: connector.id, scope: "use" })
    : undefined;
  // A read of the last hour's log: the page still writes nothing and calls nobody.
  const budgetUse = credential ? await getBudgetUse(credential.id) : undefined;
  const nearlySpent = credential && budgetUse && isBudgetNearlySpent(budgetUse, credential.callsPerMinute);

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm font-medium text-indigo-700 dark:text-indigo-300">
          New {connector.displayName} {label} · Step 2 of 2
        </p>
        <h1 className="mt-1 text-2xl font-semibold">Configure</h1>
      </div>
      {nearlySpent && (
        <p className="max-w-prose rounded-md border border-amber-600 bg-amber-50 px-4 py-3 text-amber-950 dark:bg-amber-950 dark:text-amber-50">
          <strong>Rate budget nearly spent.</strong>{" "}
          {BUDGET_MESSAGES.nearlySpent(budgetUse.busiestMinute, credential.callsPerMinute, label)}
        </p>
      )}
      {credential ? (
        <ConfigureForm
          kind={kind}
          connectorId={connector.id}
          credential={{
            id: credential.id,
            name: credential.name,
            account: credential.account,
            sharedBy: credential.access === "own" ? undefined : describeOwner(credential),
            looksLike: credential.looksLike,
          }}
          initialName={draftName?.slice(0, 200) ?? ""}
          authenticatePath={authenticatePath}
        />
      ) : (
        <FormAlert>
          <p>
            {credentialId
              ? "That credential no longer exists (it may have been deleted)."
              : `No credential was selected for this ${label}.`}{" "}
            Go back to pick another credential or add a new one.
          </p>
          <Link href={authenticatePath} className={`${standaloneLinkClass} font-medium underline`}>
            Back to Authenticate
          </Link>
        </FormAlert>
      )}
    </div>
  );
}
