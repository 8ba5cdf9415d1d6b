import type { ReactNode } from "react";

/**
 * A success worth a box, as a status: what was just done, and anything to do with it now (a key
 * or a link to copy). The counterpart of FormAlert.
 */
export function SuccessNotice({ children, className }: { children: ReactNode; className?: string }) {
  const box =
    "space-y-2 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 wrap-anywhere text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100";
  return (
    <div role="status" className={className ? `${box} ${className}` : box}>
      {children}
    </div>
  );
}
