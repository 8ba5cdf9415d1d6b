import Link from "next/link";
import { notFound } from "next/navigation";

import { standaloneLinkClass } from "@/components/ui/text-link";
import { requireSignedInPerson } from "@/lib/auth/session";
import { getBudgetUse } from "@/lib/clickup-budget/budget-use";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import {
  getCredential,
  getShareWith,
  listCredentialEvents,
  listCredentialShares,
  listCredentialUses,
} from "@/lib/credentials/queries";
import { formatClickUpAccount } from "@/lib/format/account.browser-safe";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";
import { OAUTH_MESSAGES } from "@/lib/oauth/messages";
import { takeOAuthOutcomeForPage } from "@/lib/oauth/outcome-redirect";
import type { ShownOAuthOutcome } from "@/lib/oauth/outcome-store";

import { CredentialActions } from "./credential-actions";
import { CredentialActivity } from "./credential-activity";
import { CredentialBudgetUse } from "./credential-budget-use";
import { CredentialHealthBadge } from "./credential-health-badge";
import { CredentialOwnership, describeOwner } from "./credential-ownership";
import { CredentialSharing } from "./credential-sharing";
import { CredentialTroublePanel } from "./credential-trouble-panel";
import { CredentialUseList } from "./credential-use-list";
import { LeaveSharePanel } from "./leave-share-panel";

/**
 * `oauthOutcomeId`: set when ClickUp has just sent the person back here from a Reconnect
 * (app/oauth/[connector]/callback): the id of the record of how it ended.
 */
export async function CredentialDetailPage({ id, oauthOutcomeId }: { id: string; oauthOutcomeId?: string }) {
  const person = await requireSignedInPerson();
  const credential = await getCredential(person, id.slice(0, 64));
  if (!credential) notFound();
  const reconnect = await takeOAuthOutcomeForPage(`/credentials/${credential.id}`, oauthOutcomeId);
  const canManage = credential.access !== "shared";
  const [uses, events, sharing, sharedWithYou, budgetUse] = await Promise.all([
    listCredentialUses(person, credential.id, canManage),
    listCredentialEvents(credential.id),
    credential.access === "own" ? listCredentialShares(person, credential.id) : undefined,
    // The admin sees others' credentials anyway; one may also have been shared with them.
    credential.access === "own" ? undefined : getShareWith(person, credential.id),
    getBudgetUse(credential.id),
  ]);
  const connector = findConnectorDefinition(credential.connector);
  const details: [string, string][] = [
    ["Connector", connector?.displayName ?? credential.connector],
    [`${connector?.displayName ?? "Connector"} account`, formatClickUpAccount(credential.account) || "unknown"],
    ["Authentication", credential.authMethod === "oauth" ? "OAuth (Connect to ClickUp)" : "API key (personal token)"],
    ["Token", `ending …${credential.tokenLast4} (the full token is never shown)`],
    [
      "Rate budget",
      `${credential.callsPerMinute} calls a minute to ${connector?.displayName ?? "the connector"}, shared by every credential holding this token`,
    ],
    ["Last verified", formatUtcDateTime(credential.lastVerifiedAt)],
    ["Created", formatUtcDateTime(credential.createdAt)],
  ];

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link
          href="/credentials"
          className={`${standaloneLinkClass} text-sm text-indigo-700 underline dark:text-indigo-300`}
        >
          All credentials
        </Link>
        <h1 className="text-2xl font-semibold break-words">{credential.name}</h1>
        {credential.description && (
          <p className="max-w-prose break-words text-slate-700 dark:text-slate-300">{credential.description}</p>
        )}
        <CredentialOwnership credential={credential} />
        <CredentialHealthBadge credential={credential} withReason />
      </div>

      <dl className="grid max-w-2xl grid-cols-[max-content_minmax(0,1fr)] gap-x-6 gap-y-2">
        {details.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{term}</dt>
            <dd className="wrap-anywhere">{value}</dd>
          </div>
        ))}
      </dl>

      <CredentialTroublePanel credential={credential} uses={uses} />

      <CredentialActions credential={credential} uses={uses} initialOutcome={reconnectOutcome(reconnect)} />

      <section aria-labelledby="where-used" className="space-y-3">
        <h2 id="where-used" className="text-lg font-semibold">
          Where used
        </h2>
        {uses.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">No source or destination uses this credential.</p>
        ) : (
          <CredentialUseList uses={uses} />
        )}
      </section>

      <CredentialBudgetUse use={budgetUse} callsPerMinute={credential.callsPerMinute} showBy={canManage} />

      {sharing && (
        <CredentialSharing
          credentialId={credential.id}
          credentialName={credential.name}
          canInvite={person.role === "admin"}
          {...sharing}
        />
      )}

      {sharedWithYou && (
        <LeaveSharePanel
          credentialId={credential.id}
          owner={describeOwner(credential)}
          sharedAt={sharedWithYou.sharedAt}
        />
      )}

      <CredentialActivity events={events} />
    </div>
  );
}

function reconnectOutcome(outcome: ShownOAuthOutcome | undefined): { ok: boolean; text: string } | undefined {
  if (!outcome) return undefined;
  return outcome.ok ? { ok: true, text: OAUTH_MESSAGES.reconnected } : { ok: false, text: outcome.message };
}
