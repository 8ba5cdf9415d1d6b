import { createHash } from "node:crypto";

/**
 * A fast stand-in for lib/auth/password.ts (scrypt, 32 MiB a hash), for tests that make hundreds
 * of attempts and are about counting or validating, not hashing:
 * `vi.mock("@/lib/auth/password", () => import("../support/fast-password-hashing"))`.
 * tests/integration/accounts.test.ts signs in with the real one.
 */
const digest = (password: string) => `test-sha256$${createHash("sha256").update(password).digest("base64")}`;

export async function hashPassword(password: string): Promise<string> {
  return digest(password);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  return hash === digest(password);
}
