import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";

import { parseKeyRing, type KeyRing } from "./key-ring";
import { openSecret, sealSecret, SecretUnreadableError, type SealedSecret } from "./secret-box";

const TOKEN = "pk_12345_SECRETTOKENVALUE";
const CONTEXT = "credential:0f6b2c9e-1111-4222-8333-444455556666";

function newKey(): string {
  return randomBytes(32).toString("base64");
}

function ring(text: string): KeyRing {
  return parseKeyRing(text, "test");
}

/** Decodes one base64url part of the ciphertext, flips a bit in one byte, re-encodes it. */
function flipByteInPart(sealed: SealedSecret, partIndex: 1 | 2 | 3): SealedSecret {
  const parts = sealed.ciphertext.split(".");
  const bytes = Buffer.from(parts[partIndex], "base64url");
  bytes[bytes.length - 1] ^= 0x01;
  parts[partIndex] = bytes.toString("base64url");
  return { ...sealed, ciphertext: parts.join(".") };
}

function unreadableReason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SecretUnreadableError);
    return (error as SecretUnreadableError).reason;
  }
  throw new Error("expected openSecret to throw");
}

describe("sealSecret / openSecret", () => {
  const keyRing = ring(`k1:${newKey()}`);

  it("opens what it sealed, naming the active key", () => {
    const sealed = sealSecret(keyRing, TOKEN, CONTEXT);
    expect(sealed.keyId).toBe("k1");
    expect(openSecret(keyRing, sealed, CONTEXT)).toBe(TOKEN);
  });

  it("round-trips non-ASCII text", () => {
    const text = "pk_ünïcødé_✓";
    expect(openSecret(keyRing, sealSecret(keyRing, text, CONTEXT), CONTEXT)).toBe(text);
  });

  it("produces a different ciphertext (fresh IV) each time for the same plaintext", () => {
    const a = sealSecret(keyRing, TOKEN, CONTEXT);
    const b = sealSecret(keyRing, TOKEN, CONTEXT);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.ciphertext.split(".")[1]).not.toBe(b.ciphertext.split(".")[1]);
  });

  it("writes v1.<iv>.<tag>.<data> text that contains no part of the plaintext", () => {
    const { ciphertext } = sealSecret(keyRing, TOKEN, CONTEXT);
    expect(ciphertext).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(ciphertext).not.toContain(TOKEN);
    expect(ciphertext).not.toContain("SECRETTOKENVALUE");
    expect(ciphertext).not.toContain(Buffer.from(TOKEN).toString("base64url"));
  });

  it.each([
    ["iv", 1],
    ["tag", 2],
    ["data", 3],
  ] as const)("detects a flipped byte in the %s as authentication-failed", (_part, index) => {
    const tampered = flipByteInPart(sealSecret(keyRing, TOKEN, CONTEXT), index);
    expect(unreadableReason(() => openSecret(keyRing, tampered, CONTEXT))).toBe("authentication-failed");
  });

  it("detects a different key under the same key id", () => {
    const sealed = sealSecret(keyRing, TOKEN, CONTEXT);
    const impostor = ring(`k1:${newKey()}`);
    expect(unreadableReason(() => openSecret(impostor, sealed, CONTEXT))).toBe("authentication-failed");
  });

  it("reports a key id missing from the ring as unknown-key", () => {
    const sealed = sealSecret(keyRing, TOKEN, CONTEXT);
    const other = ring(`k2:${newKey()}`);
    expect(unreadableReason(() => openSecret(other, sealed, CONTEXT))).toBe("unknown-key");
  });

  it("refuses a ciphertext relabelled with another key id of the same ring", () => {
    const key = newKey();
    const twoNames = ring(`a:${key},b:${key}`);
    const sealed = sealSecret(twoNames, TOKEN, CONTEXT);
    const relabelled = { ...sealed, keyId: "b" };
    expect(unreadableReason(() => openSecret(twoNames, relabelled, CONTEXT))).toBe("authentication-failed");
  });

  it("refuses to open a secret under another record's context", () => {
    const sealed = sealSecret(keyRing, TOKEN, CONTEXT);
    const elsewhere = "credential:99999999-1111-4222-8333-444455556666";
    expect(unreadableReason(() => openSecret(keyRing, sealed, elsewhere))).toBe("authentication-failed");
  });

  it.each([
    ["empty text", ""],
    ["wrong version", "v2.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA"],
    ["too few parts", "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"],
    ["too many parts", "v1.AAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA.AAAA"],
    ["short iv", "v1.AAAA.AAAAAAAAAAAAAAAAAAAAAA.AAAA"],
    ["short tag", "v1.AAAAAAAAAAAAAAAA.AAAA.AAAA"],
    ["plain text", "pk_12345_not_encrypted"],
  ])("reports %s as malformed", (_case, ciphertext) => {
    expect(unreadableReason(() => openSecret(keyRing, { keyId: "k1", ciphertext }, CONTEXT))).toBe("malformed");
  });

  it("opens a secret sealed by an older key once a newer key is active", () => {
    const oldKey = newKey();
    const before = ring(`old:${oldKey}`);
    const sealed = sealSecret(before, TOKEN, CONTEXT);

    const rotated = ring(`new:${newKey()},old:${oldKey}`);
    expect(openSecret(rotated, sealed, CONTEXT)).toBe(TOKEN);
    const resealed = sealSecret(rotated, TOKEN, CONTEXT);
    expect(resealed.keyId).toBe("new");
    expect(unreadableReason(() => openSecret(before, resealed, CONTEXT))).toBe("unknown-key");
  });

  it("gives error messages that never include the ciphertext or plaintext", () => {
    const sealed = flipByteInPart(sealSecret(keyRing, TOKEN, CONTEXT), 3);
    try {
      openSecret(keyRing, sealed, CONTEXT);
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain(TOKEN);
      expect(message).not.toContain(sealed.ciphertext.split(".")[3]);
    }
  });
});
