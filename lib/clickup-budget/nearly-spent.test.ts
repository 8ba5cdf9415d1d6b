import { describe, expect, it } from "vitest";

import { isBudgetNearlySpent } from "./nearly-spent";

describe("isBudgetNearlySpent", () => {
  it("is true once the busiest minute of the last hour reached four fifths of the calls per minute", () => {
    expect(isBudgetNearlySpent({ busiestMinute: 79 }, 100)).toBe(false);
    expect(isBudgetNearlySpent({ busiestMinute: 80 }, 100)).toBe(true);
    expect(isBudgetNearlySpent({ busiestMinute: 2 }, 2)).toBe(true);
    expect(isBudgetNearlySpent({ busiestMinute: 1 }, 2)).toBe(false);
    expect(isBudgetNearlySpent({ busiestMinute: 0 }, 1)).toBe(false);
  });
});
