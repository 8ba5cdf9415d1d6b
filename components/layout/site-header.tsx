import { Button } from "@/components/ui/button";
import { standaloneLinkClass } from "@/components/ui/text-link";
import { signOutAction } from "@/lib/auth/actions";
import type { Person } from "@/lib/auth/person";

import { IntentLink } from "./intent-link";
import { NeedsAttentionLink } from "./needs-attention-link";

const linkClass = `${standaloneLinkClass} text-sm text-slate-700 hover:underline dark:text-slate-300`;

/** The header: the app's sections and who is signed in, once someone is. */
export function SiteHeader({ person }: { person: Person | null }) {
  // A server component renders once per request (never re-renders in the browser): the time marks
  // this render, so the "Needs attention" count is fetched again after each one.
  // eslint-disable-next-line react-hooks/purity
  const renderedAt = Date.now();
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <nav aria-label="Main" className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <IntentLink href="/" className={`${standaloneLinkClass} font-semibold tracking-tight`}>
            Connector credentials
          </IntentLink>
          {person && (
            <>
              <IntentLink href="/sources" className={linkClass}>
                Sources
              </IntentLink>
              <IntentLink href="/destinations" className={linkClass}>
                Destinations
              </IntentLink>
              <IntentLink href="/credentials" className={linkClass}>
                Credentials
              </IntentLink>
              <IntentLink href="/api-keys" className={linkClass}>
                API keys
              </IntentLink>
              {person.role === "admin" && (
                <>
                  <IntentLink href="/people" className={linkClass}>
                    People
                  </IntentLink>
                  <IntentLink href="/webhooks" className={linkClass}>
                    Webhooks
                  </IntentLink>
                </>
              )}
              {/* A new render (a reload, or a refresh after an action such as Verify now) fetches the count again. */}
              <NeedsAttentionLink className={`${linkClass} font-medium`} renderedAt={renderedAt} />
            </>
          )}
        </nav>
        {person && (
          <form action={signOutAction} className="flex flex-wrap items-center gap-3 text-sm">
            <span className="text-slate-700 dark:text-slate-300">
              Signed in as <span className="font-medium text-slate-900 dark:text-slate-100">{person.name}</span>
            </span>
            <Button type="submit" variant="secondary" size="sm">
              Sign out
            </Button>
          </form>
        )}
      </div>
    </header>
  );
}
