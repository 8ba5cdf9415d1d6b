import { describe, expect, it } from "vitest";

import { clientAddress, clientAddressEntry, isLoopbackAddress, normaliseAddress } from "./client-address";

describe("clientAddress", () => {
  it("with no trusted proxy, is the socket's peer whatever X-Forwarded-For says", () => {
    for (const forwardedFor of [null, "", "198.51.100.7", "198.51.100.7, 10.0.0.1", "unknown"])
      expect(clientAddress({ forwardedFor, peerAddress: "::ffff:192.0.2.10" }, 0)).toBe("192.0.2.10");
  });

  it("with no trusted proxy and no known peer, is unknown (never the header)", () => {
    expect(clientAddress({ forwardedFor: "198.51.100.7", peerAddress: undefined }, 0)).toBeUndefined();
  });

  it("with N trusted proxies, is the Nth entry from the right: what the outermost trusted proxy saw", () => {
    const forwardedFor = "6.6.6.6, 198.51.100.7, 10.0.0.2";
    expect(clientAddress({ forwardedFor, peerAddress: "10.0.0.3" }, 1)).toBe("10.0.0.2");
    expect(clientAddress({ forwardedFor, peerAddress: "10.0.0.3" }, 2)).toBe("198.51.100.7");
    expect(clientAddress({ forwardedFor: " 6.6.6.6 ,198.51.100.7 ,", peerAddress: "10.0.0.3" }, 1)).toBe(
      "198.51.100.7",
    );
  });

  it("with fewer entries than trusted proxies, takes the leftmost entry, or the peer when there is none", () => {
    expect(clientAddress({ forwardedFor: "198.51.100.7", peerAddress: "10.0.0.3" }, 3)).toBe("198.51.100.7");
    expect(clientAddress({ forwardedFor: null, peerAddress: "10.0.0.3" }, 1)).toBe("10.0.0.3");
    expect(clientAddress({ forwardedFor: " , ", peerAddress: "10.0.0.3" }, 1)).toBe("10.0.0.3");
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["192.0.2.1:51234", "192.0.2.1"],
    ["[2001:db8::1]:443", "2001:db8:0:0::/64"],
    ["2001:DB8:0:0:ffff:1:2:3", "2001:db8:0:0::/64"],
    ["2001:db8:aaaa:bbbb:1::", "2001:db8:aaaa:bbbb::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["64:ff9b::192.0.2.1", "64:ff9b:0:0::/64"],
    [" unknown ", "unknown"],
    ["", undefined],
    [undefined, undefined],
  ])("%j -> %j", (address, expected) => {
    expect(normaliseAddress(address)).toBe(expected);
  });

  it("puts every address of one IPv6 /64 under one key, and other /64s under others", () => {
    expect(normaliseAddress("2001:db8:1:2:aaaa::1")).toBe(normaliseAddress("2001:db8:1:2:ffff:ffff:ffff:ffff"));
    expect(normaliseAddress("2001:db8:1:2::1")).not.toBe(normaliseAddress("2001:db8:1:3::1"));
  });

  it("keeps a long non-address to 64 characters", () => {
    expect(normaliseAddress("x".repeat(200))).toHaveLength(64);
  });
});

describe("isLoopbackAddress", () => {
  it("is this machine's loopback in every spelling", () => {
    for (const address of [
      "127.0.0.1",
      "127.1.2.3",
      "::1",
      "[::1]:3000",
      "0:0:0:0:0:0:0:1",
      "::ffff:127.0.0.1",
      " 127.0.0.1:80 ",
    ])
      expect(isLoopbackAddress(address), address).toBe(true);
  });

  it("is nothing else: the network, unspecified addresses, look-alikes, words", () => {
    for (const address of [
      "192.0.2.2",
      "::",
      "0.0.0.0",
      "::2",
      "fd00::1",
      "128.0.0.1",
      "127.0.0.1.evil",
      "localhost",
      "",
      undefined,
    ])
      expect(isLoopbackAddress(address), String(address)).toBe(false);
  });

  it("behind a proxy on this machine, judges the client the proxy saw, not the proxy", () => {
    const viaProxy = { forwardedFor: "127.0.0.1, 203.0.113.9", peerAddress: "127.0.0.1" };
    expect(isLoopbackAddress(clientAddressEntry(viaProxy, 1))).toBe(false);
    expect(isLoopbackAddress(clientAddressEntry({ forwardedFor: "127.0.0.1", peerAddress: "127.0.0.1" }, 1))).toBe(
      true,
    );
  });
});
