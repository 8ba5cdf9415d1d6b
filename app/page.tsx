import Link from "next/link";

import { buttonClasses } from "@/components/ui/button";
import { requireSignedInPerson } from "@/lib/auth/session";

export default async function HomePage() {
  await requireSignedInPerson();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Connect ClickUp</h1>
      <p className="max-w-prose text-slate-700 dark:text-slate-300">
        Create a data source or destination that reads from or writes to ClickUp. You authenticate it with a ClickUp
        personal API token, which is checked with ClickUp, encrypted and stored on the server — it never comes back to
        the browser.
      </p>
      <div className="flex flex-wrap gap-3">
        <Link href="/sources/new" className={buttonClasses("primary", "md")}>
          New source
        </Link>
        <Link href="/destinations/new" className={buttonClasses("secondary")}>
          New destination
        </Link>
      </div>
    </div>
  );
}
