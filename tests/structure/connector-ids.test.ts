import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

import { connectorDefinitions } from "@/lib/connectors/catalog.browser-safe";

// A connector is named only by its own folder (lib/connectors/<id>/) and the registry: everything
// else takes the id from a route segment, a record or the registry, so a second connector is a new
// folder, not a hunt for literals. (Tests, benchmarks and the ClickUp-worded settings and messages
// may say "ClickUp"; what is checked is the id as a string literal.)

const ROOTS = ["app", "components", "lib"];
const EXEMPT = [/^lib\/connectors\//, /^lib\/generated\//, /\.test\.tsx?$/];

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return /\.(ts|tsx|mjs)$/.test(entry.name) ? [file] : [];
  });
}

describe("connector ids", () => {
  it("appear as string literals only inside lib/connectors", () => {
    const files = ROOTS.flatMap(sourceFiles).filter((file) => !EXEMPT.some((rule) => rule.test(file)));
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return connectorDefinitions.flatMap(({ id }) =>
        text
          .split("\n")
          .map((line, index) => ({ line, index }))
          .filter(({ line }) => new RegExp(`(["'\`])${id}\\1`).test(line))
          .map(({ index }) => `${file}:${index + 1} names "${id}"`),
      );
    });
    expect(found).toEqual([]);
  });
});
