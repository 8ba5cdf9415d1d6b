import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Under /api/v1 every answer is problem+json (lib/api/methods.ts): each route file exports a
// handler for every method through routeMethods (the unknown paths' catch-all through
// unknownRouteMethods), so a method it does not take is a 405 with Allow, not Next.js's empty one.
// And nothing there is a page: a page runs server actions posted to it, whatever its path.

function files(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(folder, entry.name);
    return entry.isDirectory() ? files(file) : [file];
  });
}

const EVERY_METHOD = "export const { GET, POST, PUT, PATCH, DELETE, OPTIONS } =";

describe("app/api/v1", () => {
  const all = files("app/api/v1");

  it("holds route handlers only, each answering every method", () => {
    const routes = all.filter((file) => path.basename(file) === "route.ts");
    expect(routes.length).toBeGreaterThanOrEqual(11);
    expect(all.filter((file) => !routes.includes(file))).toEqual([]);
    for (const file of routes) {
      const text = readFileSync(file, "utf8");
      expect(text, file).toContain(EVERY_METHOD);
      expect(text.match(/^export /gm), `${file}: one export, of every method`).toHaveLength(1);
      expect(text, file).toMatch(/= (routeMethods\(|unknownRouteMethods\(\))/);
    }
  });
});
