import { describe, expect, it } from "vitest";

import { formatClickUpAccount } from "./account.browser-safe";

describe("formatClickUpAccount", () => {
  it("names the account, then its email in parentheses", () => {
    expect(formatClickUpAccount({ name: "Ada Lovelace", email: "ada@example.test" })).toBe(
      "Ada Lovelace (ada@example.test)",
    );
  });

  it("says the part it has when the other is missing", () => {
    expect(formatClickUpAccount({ name: "Ada Lovelace", email: "" })).toBe("Ada Lovelace");
    expect(formatClickUpAccount({ name: null, email: "ada@example.test" })).toBe("ada@example.test");
  });

  it("is empty when ClickUp gave neither, so the caller picks the fallback", () => {
    expect(formatClickUpAccount({ name: "", email: "" })).toBe("");
  });
});
