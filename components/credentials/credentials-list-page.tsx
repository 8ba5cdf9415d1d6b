import Link from "next/link";

import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { FlashNotice } from "@/components/ui/flash-notice";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass } from "@/components/ui/form-field";
import { standaloneLinkClass } from "@/components/ui/text-link";
import { requireSignedInPerson } from "@/lib/auth/session";
import { connectorDefinitions, findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import { AUTH_METHOD_LABELS } from "@/lib/connectors/types.browser-safe";
import type { StateFilter } from "@/lib/credential-watch/state-filter";
import { CREDENTIAL_STATE_LABELS, CREDENTIAL_STATES } from "@/lib/credential-watch/states.browser-safe";
import { searchCredentials } from "@/lib/credentials/queries";
import { formatClickUpAccount } from "@/lib/format/account.browser-safe";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";
import { takeOAuthOutcomeForPage } from "@/lib/oauth/outcome-redirect";

import { CredentialHealthBadge } from "./credential-health-badge";
import { CredentialOwnership } from "./credential-ownership";

/** The State filter's choices: the header's "Needs attention" link leads to the first. */
const STATE_FILTERS: readonly (readonly [StateFilter, string])[] = [
  ["attention", "Needing attention (broken, account changed, unreadable)"],
  ...CREDENTIAL_STATES.map((value) => [value, CREDENTIAL_STATE_LABELS[value]] as const),
];

/** Every credential, searchable and filterable by connector and state; works without JavaScript (a GET form). */
interface Props {
  query?: string;
  connectorId?: string;
  /** "attention" (the header's link), or one state; anything else is no filter. */
  state?: string;
  /**
   * Back from ClickUp with a state that told us nothing of where the person started (replayed,
   * unknown, another session's): the id of the callback's record of why nothing was stored.
   */
  oauthOutcomeId?: string;
}

export async function CredentialsListPage({ query, connectorId, state: stateParam, oauthOutcomeId }: Props) {
  const person = await requireSignedInPerson();
  const returned = await takeOAuthOutcomeForPage("/credentials", oauthOutcomeId);
  const oauthFailure = returned && !returned.ok ? returned.message : undefined;
  const connector = connectorId ? findConnectorDefinition(connectorId) : undefined;
  const state = STATE_FILTERS.find(([value]) => value === stateParam)?.[0];
  const credentials = await searchCredentials(person, { query, connector: connector?.id, state });
  const filtered = Boolean(query?.trim() || connector || state);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Credentials</h1>
      {/* Just deleted, or a share just left, from a credential's page: said once (never from the URL). */}
      <FlashNotice />
      {oauthFailure && (
        <FormAlert>
          <p>{oauthFailure}</p>
        </FormAlert>
      )}
      <form role="search" aria-label="Credentials" method="get" className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1 space-y-1.5">
          <label htmlFor="credential-search" className="block text-sm font-medium">
            Search
          </label>
          <input
            id="credential-search"
            type="search"
            name="q"
            defaultValue={query}
            placeholder="Name, description or ClickUp account"
            className={fieldInputClass}
          />
        </div>
        <div className="space-y-1.5">
          <label htmlFor="credential-connector" className="block text-sm font-medium">
            Connector
          </label>
          <select
            id="credential-connector"
            name="connector"
            defaultValue={connector?.id ?? ""}
            className={fieldInputClass}
          >
            <option value="">All connectors</option>
            {connectorDefinitions.map((definition) => (
              <option key={definition.id} value={definition.id}>
                {definition.displayName}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1.5">
          <label htmlFor="credential-state" className="block text-sm font-medium">
            State
          </label>
          <select id="credential-state" name="state" defaultValue={state ?? ""} className={fieldInputClass}>
            <option value="">Any state</option>
            {STATE_FILTERS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>

      <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
        {credentials.length === 0
          ? filtered
            ? "No credentials match this search."
            : "No credentials yet. Add one when you create a source or destination."
          : `${credentials.length} credential${credentials.length === 1 ? "" : "s"}${filtered ? " match" : ""}.`}
      </p>

      {credentials.length > 0 && (
        <DataTable
          label="Credentials"
          rows={credentials}
          rowKey={(credential) => credential.id}
          columns={[
            {
              header: "Name",
              cell: (credential) => (
                <>
                  <Link
                    href={`/credentials/${credential.id}`}
                    className={`${standaloneLinkClass} font-medium break-all text-indigo-700 underline dark:text-indigo-300`}
                  >
                    {credential.name}
                  </Link>
                  <CredentialOwnership credential={credential} />
                </>
              ),
            },
            {
              header: "Connector",
              cell: (credential) => findConnectorDefinition(credential.connector)?.displayName ?? credential.connector,
            },
            { header: "Authentication", cell: (credential) => AUTH_METHOD_LABELS[credential.authMethod] },
            {
              header: "ClickUp account",
              cellClassName: "break-words",
              cell: (credential) => formatClickUpAccount(credential.account),
            },
            { header: "Status", cell: (credential) => <CredentialHealthBadge credential={credential} /> },
            { header: "Used by", cell: (credential) => credential.usageCount },
            { header: "Last verified", cell: (credential) => formatUtcDateTime(credential.lastVerifiedAt) },
          ]}
        />
      )}
    </div>
  );
}
