import "server-only";

import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

import { ServerBusyError, withHashingSlot } from "./hashing-slots";

/**
 * Password hashing with scrypt (memory-hard), through Node's crypto so the work runs on libuv's
 * thread pool instead of blocking the event loop. Parameters are OWASP's "N=2^15, r=8, p=3"
 * (32 MiB per hash) and are stored with each hash, so they can be raised later without
 * invalidating existing passwords.
 *
 * Stored form: scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>
 */
const CURRENT = { N: 2 ** 15, r: 8, p: 3 };
const KEY_BYTES = 64;
const SALT_BYTES = 16;

/** One hash, in a slot of the per-process cap (the caller's, or its own: ServerBusyError when none is free). */
function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * 2 };
  return withHashingSlot(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options, (error, key) =>
          error ? reject(error) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT);
  return ["scrypt", CURRENT.N, CURRENT.r, CURRENT.p, salt.toString("base64"), key.toString("base64")].join("$");
}

/** hashPassword, or undefined when the server is busy hashing (lib/auth/hashing-slots.ts). */
export async function hashUnlessBusy(password: string): Promise<string | undefined> {
  try {
    return await hashPassword(password);
  } catch (error) {
    if (error instanceof ServerBusyError) return undefined;
    throw error;
  }
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, saltText, keyText] = hash.split("$");
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  // A malformed or foreign hash never matches (and never throws at the person signing in).
  if (
    scheme !== "scrypt" ||
    !saltText ||
    !keyText ||
    !Object.values(params).every((value) => Number.isSafeInteger(value) && value > 0)
  )
    return false;
  if (params.N > 2 ** 20 || params.r > 32 || params.p > 16) return false;
  const expected = Buffer.from(keyText, "base64");
  if (expected.length !== KEY_BYTES) return false;
  const actual = await derive(password, Buffer.from(saltText, "base64"), params);
  return timingSafeEqual(actual, expected);
}
