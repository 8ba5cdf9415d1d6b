import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Dark mode changes colours and nothing else: e2e/accessibility.spec.ts relies on it when it scans
// each page with every axe rule in light mode and with only the colour rules in dark mode
// (e2e/support/axe.ts). A `dark:` class that changed size, spacing, display or anything else but a
// colour, or CSS or script that asked for the colour scheme, would make dark mode a page of its
// own that deserved a scan with every rule.

const ROOTS = ["app", "components", "lib"];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx|mjs|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

const COLOUR_NAMES =
  "slate|gray|zinc|neutral|stone|red|orange|amber|yellow|lime|green|emerald|teal|cyan|sky|blue|indigo|violet|purple|fuchsia|pink|rose";
/** A Tailwind colour utility: what it paints, then a palette colour (with opacity) or a keyword. */
const COLOUR_UTILITY = new RegExp(
  `^(bg|text|border(-[xytrbl])?|ring|ring-offset|outline|divide|decoration|placeholder|accent|caret|fill|stroke)-` +
    `((${COLOUR_NAMES})-\\d{2,3}(/\\d{1,3})?|white|black|transparent|current|inherit)$`,
);

/** The utility a `dark:` class applies, after its other variants (`dark:hover:bg-x` → `bg-x`). */
const utilityOf = (darkClass: string) => darkClass.split(":").at(-1)!;

describe("dark mode", () => {
  const files = ROOTS.flatMap(sourceFiles);

  it("only changes colours: every dark: class is a colour utility", () => {
    const darkClasses = files.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/(?<![\w-])dark:[^\s"'`}]+/g)].map((match) => ({
        file,
        class: match[0],
      })),
    );
    expect(darkClasses.length).toBeGreaterThan(20);
    expect(darkClasses.filter((found) => !COLOUR_UTILITY.test(utilityOf(found.class)))).toEqual([]);
  });

  it("is asked for nowhere else: no prefers-color-scheme in CSS or scripts", () => {
    const asking = files.filter((file) => /prefers-color-scheme|matchMedia/.test(readFileSync(file, "utf8")));
    expect(asking).toEqual([]);
  });

  it("recognises what is not a colour", () => {
    for (const other of ["dark:hidden", "dark:text-sm", "dark:p-4", "dark:border-2", "dark:hover:underline"])
      expect(COLOUR_UTILITY.test(utilityOf(other)), other).toBe(false);
    for (const colour of ["dark:bg-slate-950", "dark:has-[:checked]:bg-slate-800", "dark:border-t-transparent"])
      expect(COLOUR_UTILITY.test(utilityOf(colour)), colour).toBe(true);
  });
});
