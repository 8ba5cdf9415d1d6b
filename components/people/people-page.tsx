import { notFound } from "next/navigation";

import { TableRegion } from "@/components/ui/table-region";
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

      <TableRegion label="People">
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300 dark:border-slate-700">
              <th scope="col" className="py-2 pr-4">
                Name
              </th>
              <th scope="col" className="py-2 pr-4">
                Email
              </th>
              <th scope="col" className="py-2 pr-4">
                Role
              </th>
              <th scope="col" className="py-2 pr-4">
                Owns
              </th>
              <th scope="col" className="py-2 pr-4">
                Joined
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.id} className="border-b border-slate-200 align-top dark:border-slate-800">
                <td className="py-2 pr-4 break-words">{person.name}</td>
                <td className="py-2 pr-4 break-all">{person.email}</td>
                <td className="py-2 pr-4">{person.role === "admin" ? "Admin" : "Member"}</td>
                <td className="py-2 pr-4">
                  {person.credentialCount} credential(s), {person.endpointCount} source(s)/destination(s)
                </td>
                <td className="py-2 pr-4">{formatUtcDateTime(person.createdAt)}</td>
                <td className="py-2">{person.role !== "admin" && <RemovePersonButton person={person} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>

      <InvitePanel invitations={invitations} />
    </div>
  );
}
