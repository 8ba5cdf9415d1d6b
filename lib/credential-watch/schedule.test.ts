import { describe, expect, it } from "vitest";

import { firstCheckDue, nextCheckAfter, nextCheckAfterInconclusive } from "./schedule";

const intervalMs = 60_000;
const at = new Date("2026-12-05T14:00:00Z");
const plus = (ms: number) => new Date(at.getTime() + ms);

describe("the watch's schedule", () => {
  it("is one interval on, plus up to a tenth of it as jitter", () => {
    expect(nextCheckAfter(at, { intervalMs, random: () => 0 })).toEqual(plus(intervalMs));
    expect(nextCheckAfter(at, { intervalMs, random: () => 0.999 }).getTime()).toBeLessThan(
      plus(intervalMs * 1.1).getTime(),
    );
  });

  it("backs off after inconclusive answers: 1, 2, 4 intervals, never more", () => {
    const settings = { intervalMs, random: () => 0 };
    expect(
      [1, 2, 3, 4, 9].map((count) => nextCheckAfterInconclusive(at, count, settings).getTime() - at.getTime()),
    ).toEqual([intervalMs, 2 * intervalMs, 4 * intervalMs, 4 * intervalMs, 4 * intervalMs]);
  });

  it("never retries before the connector's rate limit resets", () => {
    const settings = { intervalMs: 5_000, random: () => 0 };
    expect(nextCheckAfterInconclusive(at, 1, settings, plus(42_000))).toEqual(plus(42_000));
    expect(nextCheckAfterInconclusive(at, 1, settings, plus(1_000))).toEqual(plus(5_000));
  });

  it("schedules a credential never checked by the watch one interval after its last check, or spread over the next interval when that is past", () => {
    expect(firstCheckDue(at, plus(10_000), { intervalMs, random: () => 0 })).toEqual(plus(intervalMs));
    expect(firstCheckDue(at, plus(10 * intervalMs), { intervalMs, random: () => 0.5 })).toEqual(
      plus(10 * intervalMs + intervalMs / 2),
    );
  });
});
