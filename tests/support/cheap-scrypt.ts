import type * as NodeCrypto from "node:crypto";

type Callback = (error: Error | null, key: Buffer) => void;

/**
 * node:crypto with scrypt run at tiny parameters (N=16 instead of 2^15), for tests that make
 * hundreds of attempts and are about counting or validating, not about hashing cost:
 *
 *   vi.mock("node:crypto", async (original) =>
 *     (await import("../support/cheap-scrypt")).withCheapScrypt(await original()));
 *
 * Everything else (lib/auth/password.ts, the cap on hashes in flight, Better Auth) runs as in the
 * app. `onScrypt`, when given, decides when each hash runs (to count or hold them).
 */
export function withCheapScrypt(real: typeof NodeCrypto, onScrypt: (run: () => void) => void = (run) => run()) {
  const scrypt = (...args: unknown[]) => {
    const [password, salt, keyLength] = args as [string, Buffer, number];
    const callback = args.at(-1) as Callback;
    onScrypt(() => real.scrypt(password, salt, keyLength, { N: 16, r: 1, p: 1 }, callback));
  };
  return { ...real, default: { ...real, scrypt }, scrypt };
}
