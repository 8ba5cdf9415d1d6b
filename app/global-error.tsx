"use client";

import { Button } from "@/components/ui/button";
import { standaloneLinkClass } from "@/components/ui/text-link";

/**
 * The root layout itself failed, so this replaces the whole document. Plain HTML that reads well
 * unstyled; the classes only help when the app's stylesheet did load (Next links it here too,
 * and its reset would otherwise leave the link and button looking like plain text). Nothing
 * inline (no style attribute, no script), so the Content-Security-Policy has nothing to refuse.
 */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <html lang="en">
      <body className="bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
        <title>Something went wrong · Connector credentials</title>
        <main className="mx-auto max-w-2xl space-y-4 px-4 py-8">
          <div role="alert" className="space-y-4">
            <h1 className="text-2xl font-semibold">Something went wrong</h1>
            <p>
              The app could not be shown. Try again in a moment; if it keeps happening, tell the person who runs this
              app{digest ? " and give them the reference below" : ""}.
            </p>
            {digest && <p className="text-sm">Reference: {digest}</p>}
          </div>
          <p className="flex flex-wrap items-center gap-4">
            <Button variant="primary" onClick={() => retry()}>
              Try again
            </Button>{" "}
            {/* A full page load, not a client-side navigation: the app's own layout just failed. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            <a href="/" className={`${standaloneLinkClass} font-medium text-indigo-700 underline dark:text-indigo-300`}>
              Go to the start page
            </a>
          </p>
        </main>
      </body>
    </html>
  );
}
