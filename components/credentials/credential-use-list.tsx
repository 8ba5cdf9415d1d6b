import Link from "next/link";

import type { CredentialUse } from "@/lib/credentials/results";

/** The sources and destinations using a credential: a link where the person may open it, and whose it is. */
export function CredentialUseList({ uses }: { uses: CredentialUse[] }) {
  return (
    <ul className="list-disc space-y-1 pl-6 wrap-anywhere">
      {uses.map((use) => (
        <li key={use.id}>
          {use.path ? (
            <Link href={use.path} className="text-indigo-700 underline dark:text-indigo-300">
              {use.name}
            </Link>
          ) : (
            use.name
          )}{" "}
          ({use.kind}
          {use.ownerName ? `, ${use.ownerName}'s` : ""})
        </li>
      ))}
    </ul>
  );
}
