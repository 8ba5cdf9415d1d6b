import { describe, expect, it } from "vitest";

import { nestingDepth } from "./json-nesting";

describe("nestingDepth", () => {
  it.each([
    ["", 0],
    ['"just text"', 0],
    ['["clickup",{"name":"a","apiKey":"pk_1"}]', 2],
    ['[[1],[2,[3]],{"a":{"b":[]}}]', 4],
    ['["[[[[[[", "{{{{"]', 1],
    ['["a \\"[[[[", "b"]', 1],
    ["]]]][[", 2],
  ])("%j nests %i deep", (text, depth) => {
    expect(nestingDepth(text)).toBe(depth);
  });

  it("counts tens of thousands of levels without recursing, and stops early past a limit", () => {
    const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
    expect(nestingDepth(deep)).toBe(50_000);
    expect(nestingDepth(deep, 32)).toBe(33);
  });
});
