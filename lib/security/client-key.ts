import "server-only";

import { headers } from "next/headers";

import { getEnv } from "@/lib/config/env";

import { clientAddress } from "./client-address";
import { fromLoopback } from "./loopback-client";
import { peerAddress } from "./peer-address";

const UNKNOWN_CLIENT = "unknown";
let warnedUnknown = false;

/**
 * The client address used to key abuse limits (lib/security/client-address.ts decides which one,
 * by TRUSTED_PROXY_COUNT). When it cannot be known — the app was started without `npm start`'s
 * server and no trusted proxy is configured — every client shares one key: stricter, never
 * forgeable; said once in the log.
 */
export async function currentClientKey(): Promise<string> {
  const requestHeaders = await headers();
  const address = clientAddress(
    { forwardedFor: requestHeaders.get("x-forwarded-for"), peerAddress: peerAddress(requestHeaders) },
    getEnv().TRUSTED_PROXY_COUNT,
  );
  if (address) return address;
  if (!warnedUnknown) {
    warnedUnknown = true;
    console.warn(
      "[security] The client address is unknown (the app was not started with `npm start`, and TRUSTED_PROXY_COUNT is 0): per-client limits count all clients together.",
    );
  }
  return UNKNOWN_CLIENT;
}

/**
 * A signed-out visitor (setup, invitations, sign-in): their client key, and whether they are on
 * this machine — unknown counts as not (lib/security/loopback-client.ts).
 */
export async function currentVisitor(): Promise<{ clientKey: string; fromLoopback: boolean }> {
  return { clientKey: await currentClientKey(), fromLoopback: fromLoopback(await headers()) === true };
}
