import Link from "next/link";
import { notFound } from "next/navigation";
import { findConnectorDefinition } from "@/lib/connectors/catalog";
import { listCredentialEvents } from "@/lib/credentials/activity";
import { listCredentialUses } from "@/lib/credentials/manage";
import { findCredential } from "@/lib/credentials/service";
import { formatUtcDateTime } from "@/lib/format/date";
import { CredentialActivity } from "./credential-activity";
import { CredentialActions } from "./credential-actions";
import { CredentialHealthBadge } from "./credential-health-badge";

export async function CredentialDetailPage({ id }: { id: string }) {
  const credential = await findCredential(undefined, id.slice(0, 64));
  if (!credential) notFound();
  const [uses, events] = await Promise.all([listCredentialUses(credential.id), listCredentialEvents(credential.id)]);
  const connector = findConnectorDefinition(credential.connector);
  const details: [string, string][] = [
    ["Connector", connector?.displayName ?? credential.connector],
    ["Account", [credential.account.name, credential.account.email].filter(Boolean).join(", ") || "unknown"],
    ["Token", `ending …${credential.tokenLast4} (the full token is never shown)`],
    ["Last verified", formatUtcDateTime(credential.lastVerifiedAt)],
    ["Created", formatUtcDateTime(credential.createdAt)],
  ];

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link href="/credentials" className="text-sm text-indigo-700 underline dark:text-indigo-300">
          All credentials
        </Link>
        <h1 className="text-2xl font-semibold break-words">{credential.name}</h1>
        {credential.description && <p className="max-w-prose break-words text-slate-700 dark:text-slate-300">{credential.description}</p>}
        <CredentialHealthBadge health={credential.health} withReason />
      </div>

      <dl className="grid max-w-2xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        {details.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="font-medium text-slate-700 dark:text-slate-300">{term}</dt>
            <dd className="break-words">{value}</dd>
          </div>
        ))}
      </dl>

      <CredentialActions credential={credential} uses={uses} />

      <section aria-labelledby="where-used" className="space-y-3">
        <h2 id="where-used" className="text-lg font-semibold">Where used</h2>
        {uses.length === 0 ? (
          <p className="text-slate-700 dark:text-slate-300">No source or destination uses this credential.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-6">
            {uses.map((use) => (
              <li key={use.id}>
                <Link href={use.path} className="text-indigo-700 underline dark:text-indigo-300">{use.name}</Link> ({use.kind})
              </li>
            ))}
          </ul>
        )}
      </section>

      <CredentialActivity events={events} />
    </div>
  );
}
