import { describe, expect, it } from "vitest";

import { watchPace } from "./watch-pace";

describe("the watch loop's pace", () => {
  it("at the default 60 checks a minute: one a second, up to 8 at once", () => {
    expect(watchPace(60)).toEqual({ tickMs: 1000, perTick: 1, inFlight: 8 });
  });

  it("at thousands a minute: small batches ten times a second, about a second's worth at once, never more than 64", () => {
    expect(watchPace(6000)).toEqual({ tickMs: 100, perTick: 10, inFlight: 64 });
    expect(watchPace(1200)).toEqual({ tickMs: 100, perTick: 2, inFlight: 20 });
    expect(watchPace(100_000).inFlight).toBe(64);
  });

  it("below one a second: once a second, one at a time at most per tick", () => {
    expect(watchPace(1)).toEqual({ tickMs: 1000, perTick: 1, inFlight: 8 });
  });
});
