"use client";

import Link from "next/link";

import { Button } from "@/components/ui/button";
import { standaloneLinkClass } from "@/components/ui/text-link";

/**
 * A page failed to render (a bug, or the database unreachable). Says so plainly and offers to try
 * again; the only detail shown is the digest, which matches the server's log line and reveals
 * nothing itself.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <div className="space-y-4">
      <div role="alert" className="space-y-4">
        <h1 className="text-2xl font-semibold">Something went wrong</h1>
        <p className="max-w-prose text-slate-700 dark:text-slate-300">
          This page could not be shown. Try again in a moment; if it keeps happening, tell the person who runs this app
          {digest ? " and give them the reference below" : ""}.
        </p>
        {digest && <p className="text-sm text-slate-700 dark:text-slate-300">Reference: {digest}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-4">
        {/* retry() fetches the page from the server again; reset() alone would re-show what failed. */}
        <Button variant="primary" onClick={() => retry()}>
          Try again
        </Button>
        <Link href="/" className={`${standaloneLinkClass} font-medium text-indigo-700 underline dark:text-indigo-300`}>
          Go to the start page
        </Link>
      </div>
    </div>
  );
}
