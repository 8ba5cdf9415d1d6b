import Link from "next/link";

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <nav aria-label="Main" className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="font-semibold tracking-tight">
          Connector credentials
        </Link>
        <Link href="/sources" className="text-sm text-slate-700 hover:underline dark:text-slate-300">
          Sources
        </Link>
        <Link href="/destinations" className="text-sm text-slate-700 hover:underline dark:text-slate-300">
          Destinations
        </Link>
        <Link href="/credentials" className="text-sm text-slate-700 hover:underline dark:text-slate-300">
          Credentials
        </Link>
      </nav>
    </header>
  );
}
