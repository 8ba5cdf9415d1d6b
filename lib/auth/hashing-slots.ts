import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

import { getEnv } from "@/lib/config/env";

/**
 * A cap on password hashes in flight in this process. Each scrypt hash takes 32 MiB and a core
 * for a good fraction of a second; without a cap, a flood of sign-ins with random emails queues
 * hashes without bound and a real sign-in waits behind all of them (7–14 s measured). Past the
 * cap the answer is an immediate "busy" (ServerBusyError), which costs next to nothing.
 *
 * A slot is taken for the whole of a sign-in attempt (its limit counters, Better Auth's lookups
 * and its one hash), not just the hash: attempts past the cap are then refused before they touch
 * the database, so a flood cannot queue database work instead.
 *
 * Known browsers (lib/auth/known-browser.ts), and the sign-in right after a person was created,
 * may go KNOWN_BROWSER_RESERVE past the cap: strangers filling every slot must not keep people out
 * of the browsers they already use.
 */
export const KNOWN_BROWSER_RESERVE = 1;

export class ServerBusyError extends Error {
  override name = "ServerBusyError";
}

// Per process, on purpose: the cap protects this process's CPU and memory.
let inFlight = 0;
const inSlot = new AsyncLocalStorage<true>();

/**
 * Runs `work` (which hashes a password, once at a time) in a slot taken now, or throws
 * ServerBusyError at once when none is free. Hashing inside work that already holds a slot uses
 * that slot.
 */
export async function withHashingSlot<T>(
  work: () => Promise<T>,
  { knownBrowser = false }: { knownBrowser?: boolean } = {},
): Promise<T> {
  if (inSlot.getStore()) return work();
  const capacity = getEnv().PASSWORD_HASHES_IN_FLIGHT + (knownBrowser ? KNOWN_BROWSER_RESERVE : 0);
  if (inFlight >= capacity) throw new ServerBusyError("Too many password hashes in flight.");
  inFlight += 1;
  try {
    return await inSlot.run(true, work);
  } finally {
    inFlight -= 1;
  }
}
