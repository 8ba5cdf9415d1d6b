import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import { KEY_BYTES, KeyRingFormatError, parseKeyRing } from "./key-ring";

const keyA = randomBytes(KEY_BYTES);
const keyB = randomBytes(KEY_BYTES);
const a64 = keyA.toString("base64");
const b64 = keyB.toString("base64");

function formatError(text: string): KeyRingFormatError {
  try {
    parseKeyRing(text, "CREDENTIAL_ENCRYPTION_KEYS");
  } catch (error) {
    expect(error).toBeInstanceOf(KeyRingFormatError);
    return error as KeyRingFormatError;
  }
  throw new Error("expected parseKeyRing to throw");
}

describe("parseKeyRing", () => {
  it("parses a single key and makes it active", () => {
    const ring = parseKeyRing(`prod-2026:${a64}`, "test");
    expect(ring.activeKeyId).toBe("prod-2026");
    expect([...ring.keys.keys()]).toEqual(["prod-2026"]);
    expect(ring.keys.get("prod-2026")?.equals(keyA)).toBe(true);
  });

  it("parses several keys (comma or newline separated, spaces trimmed); the first is active", () => {
    const ring = parseKeyRing(` new_1:${b64} ,\nold_0:${a64}\n`, "test");
    expect(ring.activeKeyId).toBe("new_1");
    expect(ring.keys.size).toBe(2);
    expect(ring.keys.get("new_1")?.equals(keyB)).toBe(true);
    expect(ring.keys.get("old_0")?.equals(keyA)).toBe(true);
  });

  it.each([
    ["an empty string", ""],
    ["only separators and spaces", " , \n ,"],
  ])("rejects %s as holding no keys", (_case, text) => {
    expect(formatError(text).message).toMatch(/no keys/);
  });

  it.each([
    ["16 bytes", randomBytes(16).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
    ["an empty key", ""],
  ])("rejects a key of the wrong length (%s)", (_case, encoded) => {
    expect(formatError(`k1:${encoded}`).message).toMatch(/32 random bytes/);
  });

  it.each([
    ["a character outside base64", `${a64.slice(0, 10)}!${a64.slice(11)}`],
    ["base64url alphabet", randomBytes(32).toString("base64url").replace(/^./, "-")],
    ["inner whitespace", `${a64.slice(0, 20)} ${a64.slice(20)}`],
  ])("rejects a key that is not plain base64 (%s)", (_case, encoded) => {
    expect(formatError(`k1:${encoded}`).message).toMatch(/base64/);
  });

  it.each([
    ["no key id", `:${a64}`],
    ["no separator", a64],
    ["a space in the id", `my key:${a64}`],
    ["a dot in the id", `key.1:${a64}`],
    ["an id over 32 characters", `${"k".repeat(33)}:${a64}`],
  ])("rejects %s", (_case, text) => {
    expect(formatError(text).message).toMatch(/keyId:base64key/);
  });

  it("names the failing entry by position", () => {
    expect(formatError(`good:${a64},bad:${a64.slice(4)}`).message).toMatch(/entry 2/);
  });

  it("rejects a key id that appears twice", () => {
    expect(formatError(`k1:${a64},k1:${b64}`).message).toMatch(/"k1" appears twice/);
  });

  it("never includes key material in its error messages", () => {
    const almostKeys = [
      `k1:${a64.slice(0, 40)}`,
      `k1:${a64}AAAA`,
      `k1:${a64.replace(/=$/, "!")}`,
      `k1:${a64},k1:${a64}`,
      `bad id:${a64}`,
      a64,
    ];
    for (const text of almostKeys) {
      const { message } = formatError(text);
      expect(message).not.toContain(a64.slice(0, 16));
      expect(message).not.toContain(a64.slice(-16));
    }
  });
});
