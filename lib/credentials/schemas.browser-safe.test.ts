import { describe, expect, it } from "vitest";

import { clickUpDefinition } from "@/lib/connectors/clickup/definition.browser-safe";

import {
  CREDENTIAL_DESCRIPTION_MAX,
  CREDENTIAL_NAME_MAX,
  credentialNameKey,
  newCredentialSchema,
} from "./schemas.browser-safe";

const schema = newCredentialSchema(clickUpDefinition);
const valid = { name: "Marketing", description: "Used by the marketing pipelines", apiKey: "pk_12345_ABCDEF" };

/** The first message zod reports for one field, or undefined if that field passed. */
function errorFor(input: unknown, field: string): string | undefined {
  const result = schema.safeParse(input);
  if (result.success) return undefined;
  return result.error.issues.find((issue) => issue.path[0] === field)?.message;
}

describe("newCredentialSchema (name and description)", () => {
  it("accepts a complete credential and trims surrounding whitespace of name, description and key", () => {
    const result = schema.parse({
      name: "  Marketing \t",
      description: "\n notes \n",
      apiKey: "\n pk_12345_ABCDEF \t",
    });
    expect(result).toEqual({ name: "Marketing", description: "notes", apiKey: "pk_12345_ABCDEF" });
  });

  it("defaults a missing description to an empty string", () => {
    expect(schema.parse({ name: "X", apiKey: "pk_1" }).description).toBe("");
  });

  it.each([
    ["empty", ""],
    ["only whitespace", "   \t  "],
    ["missing", undefined],
    ["not text", 42],
  ])("asks for a name when it is %s", (_case, name) => {
    expect(errorFor({ ...valid, name }, "name")).toBe("Give the credential a name.");
  });

  it(`accepts a name of exactly ${CREDENTIAL_NAME_MAX} characters and refuses one more`, () => {
    expect(errorFor({ ...valid, name: "n".repeat(CREDENTIAL_NAME_MAX) }, "name")).toBeUndefined();
    expect(errorFor({ ...valid, name: "n".repeat(CREDENTIAL_NAME_MAX + 1) }, "name")).toMatch(
      /100 characters or fewer/,
    );
  });

  it("measures the name length after trimming", () => {
    expect(errorFor({ ...valid, name: ` ${"n".repeat(CREDENTIAL_NAME_MAX)} ` }, "name")).toBeUndefined();
  });

  it.each([
    ["a tab", "Team\tA"],
    ["a newline", "Team\nA"],
    ["a NUL byte", "Team\u0000A"],
    ["an escape character", "Team\u001b[31mA"],
    ["DEL", "Team\u007fA"],
    ["a C1 control", "Team\u0085A"],
  ])("refuses a name containing %s", (_case, name) => {
    expect(errorFor({ ...valid, name }, "name")).toMatch(/control characters/);
  });

  it(`accepts a description of ${CREDENTIAL_DESCRIPTION_MAX} characters and refuses one more`, () => {
    const max = "d".repeat(CREDENTIAL_DESCRIPTION_MAX);
    expect(errorFor({ ...valid, description: max }, "description")).toBeUndefined();
    expect(errorFor({ ...valid, description: `${max}d` }, "description")).toMatch(/500 characters or fewer/);
  });

  it("allows tabs and line breaks inside a description but not other control characters", () => {
    expect(errorFor({ ...valid, description: "line one\n\tline two\r\nthree" }, "description")).toBeUndefined();
    expect(errorFor({ ...valid, description: "bell\u0007" }, "description")).toMatch(/control characters/);
  });

  it("refuses a description that is not text", () => {
    expect(errorFor({ ...valid, description: 12 }, "description")).toBe("The description must be text.");
  });

  it("refuses input that is not an object", () => {
    for (const input of [null, "Marketing", 7, ["Marketing"]]) {
      expect(schema.safeParse(input).success).toBe(false);
    }
  });

  it("drops fields it does not know", () => {
    const result = schema.parse({ ...valid, secretCiphertext: "v1.x", id: "chosen" });
    expect(Object.keys(result).sort()).toEqual(["apiKey", "description", "name"]);
  });
});

describe("credentialNameKey", () => {
  it("treats names differing only in case or surrounding space as the same", () => {
    expect(credentialNameKey(" Team ")).toBe(credentialNameKey("team"));
    expect(credentialNameKey("MARKETING")).toBe("marketing");
  });

  it("folds compatibility forms (NFKC), e.g. full-width letters", () => {
    expect(credentialNameKey("Ｔｅａｍ")).toBe("team");
  });

  it("keeps names that differ inside apart", () => {
    expect(credentialNameKey("Team A")).not.toBe(credentialNameKey("TeamA"));
  });
});
