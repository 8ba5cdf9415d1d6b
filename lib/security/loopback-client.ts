import { getEnv } from "@/lib/config/env";

import { clientAddressEntry, isLoopbackAddress } from "./client-address";
import { peerAddress } from "./peer-address";

/**
 * Whether the client of a request is on this machine: its client address (the peer, or what the
 * outermost trusted proxy saw, by TRUSTED_PROXY_COUNT) is a loopback address. So behind a reverse
 * proxy on the same machine, outsiders are not loopback. Undefined when the address cannot be
 * known (the app was not started by `npm start`'s server, which hands over the peer address).
 */
export function fromLoopback(requestHeaders: Headers): boolean | undefined {
  const peer = peerAddress(requestHeaders);
  if (peer === undefined) return undefined;
  const entry = clientAddressEntry(
    { forwardedFor: requestHeaders.get("x-forwarded-for"), peerAddress: peer },
    getEnv().TRUSTED_PROXY_COUNT,
  );
  return isLoopbackAddress(entry);
}
