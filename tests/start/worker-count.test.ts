import os from "node:os";
import { describe, expect, it } from "vitest";

// @ts-expect-error -- plain Node script (server/start.mjs runs it before TypeScript is at hand)
import { workerCount } from "../../server/workers.mjs";

describe("WEB_CONCURRENCY (npm start's worker processes)", () => {
  it("unset or blank means one worker per core", () => {
    expect(workerCount(undefined)).toBe(os.availableParallelism());
    expect(workerCount("  ")).toBe(os.availableParallelism());
  });

  it("takes a whole number from 1 to 64, spaces around it allowed", () => {
    expect(workerCount("1")).toBe(1);
    expect(workerCount(" 3 ")).toBe(3);
    expect(workerCount("64")).toBe(64);
  });

  it.each(["0", "65", "-1", "2.5", "two", "1e2", "0x2", "999999"])("refuses %j, saying what to set", (text) => {
    const result = workerCount(text);
    expect(typeof result).toBe("string");
    expect(result).toContain("WEB_CONCURRENCY must be a whole number of worker processes from 1 to 64");
    expect(result).toContain(`got "${text.trim()}"`);
  });
});
