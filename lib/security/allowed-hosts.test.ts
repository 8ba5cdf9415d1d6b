import { describe, expect, it } from "vitest";

import { allowedHostNames, hostNameOf } from "./allowed-hosts";

describe("allowedHostNames", () => {
  it("is loopback alone by default", () => {
    expect(allowedHostNames({ APP_URL: undefined, ALLOWED_HOSTS: [] })).toEqual(["localhost", "127.0.0.1", "[::1]"]);
  });

  it("adds APP_URL's host name and ALLOWED_HOSTS", () => {
    expect(
      allowedHostNames({
        APP_URL: "https://Credentials.Example.com:8443",
        ALLOWED_HOSTS: ["app.internal", "10.0.0.5"],
      }),
    ).toEqual(["localhost", "127.0.0.1", "[::1]", "credentials.example.com", "app.internal", "10.0.0.5"]);
  });
});

describe("hostNameOf", () => {
  it.each([
    ["localhost", "localhost"],
    ["LOCALHOST:3000", "localhost"],
    ["127.0.0.1:3210", "127.0.0.1"],
    ["[::1]:3210", "[::1]"],
    ["[::1]", "[::1]"],
    ["credentials.example.com", "credentials.example.com"],
  ])("%j -> %j", (host, name) => {
    expect(hostNameOf(host)).toBe(name);
  });

  it.each([
    "",
    null,
    undefined,
    ":3000",
    "localhost:",
    "localhost:99999999",
    "evil.example@localhost",
    "localhost/x",
    "localhost.",
    "::1",
    "[::1",
    "local host",
    "localhost\u0000",
  ])("%j is malformed", (host) => {
    expect(hostNameOf(host)).toBeUndefined();
  });
});
