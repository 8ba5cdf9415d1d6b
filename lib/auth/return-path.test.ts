import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { safeReturnPath } from "./return-path";

const ORIGIN = "http://app.invalid";

/**
 * Where a browser ends up with `path` as a redirect's Location, when its router then re-resolves
 * the resulting path once more (as Next.js's client router does with the path it navigates to).
 */
function whereABrowserGoes(path: string): string {
  const first = new URL(path, ORIGIN);
  return new URL(`${first.pathname}${first.search}`, ORIGIN).origin;
}

const EVIL = "evil.example";
const hostile = [
  `//${EVIL}`,
  `///${EVIL}`,
  `/\\${EVIL}`,
  `\\\\${EVIL}`,
  `/\\/${EVIL}`,
  `/%2F%2F${EVIL}`,
  `/%2f/${EVIL}`,
  `/%252F%252F${EVIL}`,
  `/%25252F%25252F${EVIL}`,
  `/%5C${EVIL}`,
  `/%5c%5c${EVIL}`,
  `/.//${EVIL}`,
  `/..//${EVIL}`,
  `/a/..//${EVIL}`,
  `/a/b/../..//${EVIL}`,
  `/%2e//${EVIL}`,
  `/%2e%2e//${EVIL}`,
  `/%2E%2E/%2F${EVIL}`,
  `/./\\${EVIL}`,
  `/.\\/${EVIL}`,
  `/\t/${EVIL}`,
  `/\n/${EVIL}`,
  `/\r\n/${EVIL}`,
  `/\t\\${EVIL}`,
  `\t//${EVIL}`,
  ` //${EVIL}`,
  `/ /${EVIL}`,
  `/%09/${EVIL}`,
  `/%0a/${EVIL}`,
  `/%0d%0a/${EVIL}`,
  `/%00/${EVIL}`,
  `/\u0000/${EVIL}`,
  `/\u2028/${EVIL}`,
  `/\u00a0/${EVIL}`,
  `/\ufeff/${EVIL}`,
  `https:${EVIL}`,
  `https:/${EVIL}`,
  `https://${EVIL}`,
  `HTTP://${EVIL}`,
  `javascript:alert(1)`,
  `data:text/html,<script>alert(1)</script>`,
  EVIL,
  `${EVIL}/credentials`,
  `/%E0%A4%A`,
  `/credentials/%`,
  "",
];

describe("safeReturnPath", () => {
  it.each(hostile)("refuses %j", (next) => {
    expect(safeReturnPath(next)).toBeUndefined();
  });

  it.each([
    ["/credentials", "/credentials"],
    ["/credentials?q=a%20b", "/credentials?q=a%20b"],
    ["/credentials?q=//not-a-host", "/credentials?q=//not-a-host"],
    ["/credentials/4f1c6c1e-2f8a-4a53-9d53-0d7a9a1b2c3d", "/credentials/4f1c6c1e-2f8a-4a53-9d53-0d7a9a1b2c3d"],
    ["/sources/new/clickup", "/sources/new/clickup"],
    ["/credentials/", "/credentials/"],
    ["/credentials#top", "/credentials"],
    ["/credentials/é", "/credentials/%C3%A9"],
  ])("keeps %j as %j", (next, expected) => {
    expect(safeReturnPath(next)).toBe(expected);
  });

  it.each(["/sign-in", "/sign-in?next=/credentials", "/setup", "/invite/abc", "/./sign-in", "/a/../setup"])(
    "refuses %j: signing in starts there",
    (next) => {
      expect(safeReturnPath(next)).toBeUndefined();
    },
  );

  it("refuses anything longer than 500 characters", () => {
    expect(safeReturnPath(`/${"a".repeat(499)}`)).toBe(`/${"a".repeat(499)}`);
    expect(safeReturnPath(`/${"a".repeat(500)}`)).toBeUndefined();
  });

  it("never answers a path a browser would take to another origin, whatever it is given", () => {
    const pieces = fc.constantFrom(
      "/",
      "\\",
      ".",
      "..",
      "%2F",
      "%2f",
      "%5C",
      "%2e",
      "%25",
      "%",
      "\t",
      "\n",
      " ",
      ":",
      "@",
      "?",
      "#",
      "evil.example",
      "http",
      "credentials",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 12 }), (parts) => {
        const answer = safeReturnPath(parts.join(""));
        if (answer === undefined) return;
        expect(answer).toMatch(/^\/(?![/\\])/);
        expect(whereABrowserGoes(answer)).toBe(ORIGIN);
        expect(safeReturnPath(answer), "an answer is its own normal form").toBe(answer);
      }),
      { numRuns: 5_000 },
    );
  });
});
