import { describe, expect, it } from "vitest";

import { CLICKUP_API_KEY_MAX_LENGTH, clickUpTokenSchema } from "./token.browser-safe";

function problem(input: unknown): string | undefined {
  const result = clickUpTokenSchema.safeParse(input);
  return result.success ? undefined : result.error.issues[0]?.message;
}

describe("clickUpTokenSchema", () => {
  it("accepts a personal token and trims whitespace around it", () => {
    expect(clickUpTokenSchema.parse("pk_12345_ABCDEF")).toBe("pk_12345_ABCDEF");
    expect(clickUpTokenSchema.parse("  \n pk_12345_ABCDEF\t\r\n")).toBe("pk_12345_ABCDEF");
  });

  it.each([
    ["empty", ""],
    ["whitespace only", " \n\t "],
    ["not a string", undefined],
  ])("asks for a key when it is %s", (_case, input) => {
    expect(problem(input)).toBe("Enter your ClickUp API key.");
  });

  it.each(["Bearer pk_12345_ABCDEF", "bearer pk_12345_ABCDEF", "BEARER   pk_12345_ABCDEF", "Bearer\tpk_1"])(
    "tells the person to remove the Bearer prefix from %j",
    (input) => {
      expect(problem(input)).toMatch(/Remove the "Bearer" prefix/);
    },
  );

  it.each([
    ["a space", "pk_12345 ABCDEF"],
    ["a newline", "pk_12345\nABCDEF"],
    ["a tab", "pk_12345\tABCDEF"],
  ])("explains that the key has %s inside it", (_case, input) => {
    expect(problem(input)).toMatch(/spaces or line breaks inside/);
  });

  it.each(["12345_ABCDEF", "PK_12345_ABCDEF", "sk_12345", "Bearerpk_123"])(
    "explains that personal tokens start with pk_ for %j",
    (input) => {
      expect(problem(input)).toMatch(/start with "pk_"/);
    },
  );

  it.each(["pk_", "pk_123-456", "pk_abc.def", "pk_ключ", 'pk_12"34', "pk_12;DROP"])(
    "refuses characters a token never has in %j",
    (input) => {
      expect(problem(input)).toMatch(/characters a ClickUp token never has/);
    },
  );

  it(`accepts ${CLICKUP_API_KEY_MAX_LENGTH} characters and refuses longer keys`, () => {
    const atLimit = `pk_${"A".repeat(CLICKUP_API_KEY_MAX_LENGTH - 3)}`;
    expect(problem(atLimit)).toBeUndefined();
    expect(problem(`${atLimit}A`)).toMatch(/longer than any ClickUp API key/);
  });

  it("reports only the first applicable problem", () => {
    const result = clickUpTokenSchema.safeParse("Bearer pk_1 2");
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.issues).toHaveLength(1);
  });

  it("never repeats the pasted key in its messages", () => {
    for (const input of [
      "Bearer pk_SECRET99",
      "pk_SECRET 99",
      "xx_SECRET99",
      "pk_SECRET-99",
      `pk_${"S".repeat(300)}`,
    ]) {
      expect(problem(input)).not.toContain("SECRET");
    }
  });
});
