import type { ReactNode } from "react";

/** The narrow centred card the setup, invitation and sign-in pages share. */
export function AuthCard({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {intro && <div className="text-slate-700 dark:text-slate-300">{intro}</div>}
      </div>
      {children}
    </div>
  );
}
