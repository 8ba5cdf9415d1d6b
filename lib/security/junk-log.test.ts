import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { createJunkLog } from "./junk-log.mjs";

describe("the junk log", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("writes the first request of each kind in a minute, and the rest as one summary line when the minute ends", () => {
    const lines: string[] = [];
    const log = createJunkLog({ write: (line) => lines.push(line), now: () => Date.now() });
    for (let index = 0; index < 1000; index += 1) log.note("unknown host", `host ${index}`);
    for (let index = 0; index < 5; index += 1) log.note("method not allowed", `TRACE ${index}`);
    expect(lines).toEqual(["host 0", "TRACE 0"]);

    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(
      "[http] Refused 1003 more requests in the last minute: unknown host ×999, method not allowed ×4.",
    );

    // A new minute starts afresh.
    log.note("unknown host", "host again");
    expect(lines[3]).toBe("host again");
    vi.advanceTimersByTime(120_000);
    expect(lines).toHaveLength(4);
  });
});
