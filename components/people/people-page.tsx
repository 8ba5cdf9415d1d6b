import { notFound } from "next/navigation";

import { DataTable } from "@/components/ui/data-table";
import { requireSignedInPerson } from "@/lib/auth/session";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";
import { listPendingInvitations, listPeople } from "@/lib/people/queries";

import { InvitePanel } from "./invite-panel";
import { RemovePersonButton } from "./remove-person-button";

/** Everyone who can sign in, and invitations (the admin only; others get "not found"). */
export async function PeoplePage() {
  const person = await requireSignedInPerson();
  if (person.role !== "admin") notFound();
  const [people, invitations] = await Promise.all([listPeople(person), listPendingInvitations(person)]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">People</h1>
        <p className="max-w-prose text-slate-700 dark:text-slate-300">
          Everyone here signs in with their own email and password and sees only their own credentials, sources and
          destinations, plus credentials shared with them. As the admin you see everything.
        </p>
      </div>

      <DataTable
        label="People"
        rows={people}
        rowKey={(person) => person.id}
        columns={[
          { header: "Name", cellClassName: "break-words", cell: (person) => person.name },
          { header: "Email", cellClassName: "break-all", cell: (person) => person.email },
          { header: "Role", cell: (person) => (person.role === "admin" ? "Admin" : "Member") },
          {
            header: "Owns",
            cell: (person) =>
              `${person.credentialCount} credential(s), ${person.endpointCount} source(s)/destination(s)`,
          },
          { header: "Joined", cell: (person) => formatUtcDateTime(person.createdAt) },
          {
            header: "Actions",
            hiddenHeader: true,
            cell: (person) => person.role !== "admin" && <RemovePersonButton person={person} />,
          },
        ]}
      />

      <InvitePanel invitations={invitations} />
    </div>
  );
}
