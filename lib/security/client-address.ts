import { isIPv4, isIPv6 } from "node:net";

/** What a request says about where it came from. */
export interface RequestOrigin {
  /** The X-Forwarded-For header as received (null when absent). */
  forwardedFor: string | null;
  /** The address at the other end of the TCP connection, when the server knows it. */
  peerAddress: string | undefined;
}

/**
 * The client address per-client limits key on, or undefined when it cannot be known.
 *
 * With no trusted proxy the socket's peer address is the client: X-Forwarded-For is whatever the
 * client wrote, so it is ignored. With N trusted proxies, each appended the address it saw, so the
 * Nth entry from the right is what the outermost trusted proxy saw; entries left of it are the
 * client's own words. A request with fewer entries did not pass every proxy: its leftmost entry
 * (or the peer) is the best there is, as with Express's `trust proxy = N`.
 */
export function clientAddress(origin: RequestOrigin, trustedProxyCount: number): string | undefined {
  return normaliseAddress(clientAddressEntry(origin, trustedProxyCount));
}

/** The entry clientAddress() chose, as written (the peer's address, or one X-Forwarded-For entry). */
export function clientAddressEntry(origin: RequestOrigin, trustedProxyCount: number): string | undefined {
  if (trustedProxyCount === 0) return origin.peerAddress;
  const entries = (origin.forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return origin.peerAddress;
  return entries[Math.max(0, entries.length - trustedProxyCount)];
}

/**
 * Whether an address is this machine's loopback (127.0.0.0/8, ::1, either IPv4-mapped), in any
 * spelling an address entry may have: brackets, a port, a zone.
 */
export function isLoopbackAddress(address: string | undefined): boolean {
  const value = bareAddress(address);
  if (!value) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  const v4 = mapped && isIPv4(mapped[1]) ? mapped[1] : value;
  if (isIPv4(v4)) return v4.startsWith("127.");
  return isIPv6(value) && ipv6Groups(value).join(":") === "0:0:0:0:0:0:0:1";
}

/** An address without brackets, port or zone, lower-cased; undefined when empty. */
function bareAddress(address: string | undefined): string | undefined {
  let value = address?.trim().toLowerCase();
  if (!value) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(":"));
  return value.replace(/%.*$/, ""); // an IPv6 zone ("fe80::1%eth0") names our interface, not the client
}

/**
 * One key per client: IPv4-mapped IPv6 as IPv4, ports dropped, and IPv6 by its /64 network, since
 * one IPv6 client usually holds a whole /64 and could otherwise step through its addresses.
 * Anything that is not an IP address (a proxy's "unknown", say) is kept, trimmed, as its own key.
 */
export function normaliseAddress(address: string | undefined): string | undefined {
  const value = bareAddress(address);
  if (!value) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(value)) return value;
  if (isIPv6(value)) return `${ipv6Groups(value).slice(0, 4).join(":")}::/64`;
  return value.slice(0, 64);
}

/** The eight 16-bit groups of an IPv6 address, without leading zeros ("2001:db8::1" -> 2001,db8,0,…,1). */
function ipv6Groups(address: string): string[] {
  let text = address;
  const embeddedIPv4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (embeddedIPv4) {
    const [a, b, c, d] = embeddedIPv4.slice(1).map(Number);
    text = `${text.slice(0, embeddedIPv4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined ? [] : tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}
