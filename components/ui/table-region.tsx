import type { ReactNode } from "react";

/**
 * Where a table lives: on a narrow screen (320 px, what 400 % zoom gives) it scrolls sideways
 * inside this region rather than making the whole page scroll (WCAG 1.4.10). The region is named
 * and focusable, so keyboard and screen-reader users can find it and scroll it. It is positioned
 * so that what is absolutely positioned inside (screen-reader-only headers) scrolls with it instead
 * of widening the page.
 */
export function TableRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="relative overflow-x-auto">
      {children}
    </div>
  );
}
