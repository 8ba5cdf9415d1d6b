import Link from "next/link";

import { standaloneLinkClass } from "@/components/ui/text-link";

// Our own 404 page: Next's default one uses inline styles, which the CSP (rightly) refuses.
export default function NotFound() {
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="text-slate-700 dark:text-slate-300">
        There is nothing here. It may have been deleted, or the address is mistyped.
      </p>
      <Link href="/" className={`${standaloneLinkClass} font-medium text-indigo-700 underline dark:text-indigo-300`}>
        Go to the start page
      </Link>
    </div>
  );
}
