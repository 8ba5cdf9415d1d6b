import { PEER_ADDRESS_HEADER, SERVER_SETS_PEER_ADDRESS } from "@/lib/config/startup-rules.mjs";

/**
 * The TCP peer address of the request, as `npm start`'s server (server/start.mjs) hands it over:
 * Next.js gives pages and server actions headers but no socket, and fills X-Forwarded-For from
 * the socket only when the client sent none. So the server (server/front-door.mjs) writes the socket's address into
 * PEER_ADDRESS_HEADER on every request, replacing whatever a client sent under that name, and
 * marks the process as doing so (SERVER_SETS_PEER_ADDRESS). Under a server that does not
 * (`next dev`, a bare `next start`) the header could be anyone's words, so it is not read at all.
 */
export function peerAddress(requestHeaders: Headers): string | undefined {
  if ((globalThis as Record<symbol, unknown>)[SERVER_SETS_PEER_ADDRESS] !== true) return undefined;
  return requestHeaders.get(PEER_ADDRESS_HEADER) ?? undefined;
}
