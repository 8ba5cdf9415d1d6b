import "server-only";

import { AsyncLocalStorage } from "node:async_hooks";

import { getEnv } from "@/lib/config/env";

/**
 * A cap on password hashes running at once in this process. Each scrypt hash takes 32 MiB and a
 * core for a good fraction of a second; without a cap, a flood of sign-ins with random emails
 * queues hashes without bound and a real sign-in waits behind all of them (7–14 s measured).
 * Past the cap the answer is an immediate "busy" (ServerBusyError), which costs nothing.
 *
 * Hashes for a known browser (lib/auth/known-browser.ts), or the sign-in right after a person was
 * created, may go KNOWN_BROWSER_RESERVE past the cap: strangers filling every slot must not keep
 * people out of the browsers they already use.
 */
export const KNOWN_BROWSER_RESERVE = 2;

export class ServerBusyError extends Error {
  override name = "ServerBusyError";
}

// Per process, on purpose: the cap protects this process's CPU and memory.
let inFlight = 0;
const reserved = new AsyncLocalStorage<boolean>();

const capacity = (withReserve = reserved.getStore() ?? false) =>
  getEnv().PASSWORD_HASHES_IN_FLIGHT + (withReserve ? KNOWN_BROWSER_RESERVE : 0);

/** Runs `work` (within it, every hash) with the known browsers' reserve open to it. */
export function withReservedHashing<T>(work: () => Promise<T>): Promise<T> {
  return reserved.run(true, work);
}

/** Whether a hash started now would run (with the reserve: for a known browser). For answering "busy" first. */
export function hashingSlotFree(withReserve: boolean): boolean {
  return inFlight < capacity(withReserve);
}

/** Runs one hash in a slot, or throws ServerBusyError at once when none is free. */
export async function inHashingSlot<T>(hash: () => Promise<T>): Promise<T> {
  if (inFlight >= capacity()) throw new ServerBusyError("Too many password hashes in flight.");
  inFlight += 1;
  try {
    return await hash();
  } finally {
    inFlight -= 1;
  }
}
