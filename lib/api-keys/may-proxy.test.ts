import { describe, expect, it } from "vitest";

import type { Caller } from "@/lib/auth/person";

import { apiKeyMayProxy } from "./may-proxy";
import { API_KEY_SCOPES } from "./scopes.browser-safe";

const person = { id: "p1", name: "Pia", email: "pia@example.test", role: "member" as const };
const key = (proxyTargets: { credentialIds: string[]; endpointIds: string[] } | null): Caller => ({
  person,
  clientKey: "c",
  apiKey: { id: "k1", name: "pipeline", scopes: ["proxy"], everyScope: false, proxyTargets },
});

describe("apiKeyMayProxy", () => {
  it("lets a page caller and a key without a restriction proxy through anything", () => {
    const page: Caller = { person, clientKey: "c" };
    const unrestricted: Caller = {
      person,
      clientKey: "c",
      apiKey: { id: "k0", name: "all", scopes: API_KEY_SCOPES, everyScope: true, proxyTargets: null },
    };
    for (const caller of [page, unrestricted]) {
      expect(apiKeyMayProxy(caller, { credentialId: "c1" })).toBe(true);
      expect(apiKeyMayProxy(caller, { credentialId: "c1", endpointId: "s1" })).toBe(true);
    }
  });

  it("lets a key restricted to a credential proxy only through that credential's own route", () => {
    const caller = key({ credentialIds: ["c1"], endpointIds: [] });
    expect(apiKeyMayProxy(caller, { credentialId: "c1" })).toBe(true);
    expect(apiKeyMayProxy(caller, { credentialId: "c2" })).toBe(false);
    // Through a source, even one of that credential: the key names credentials, not its sources.
    expect(apiKeyMayProxy(caller, { credentialId: "c1", endpointId: "s1" })).toBe(false);
  });

  it("lets a key restricted to a source proxy only through that source's route", () => {
    const caller = key({ credentialIds: [], endpointIds: ["s1"] });
    expect(apiKeyMayProxy(caller, { credentialId: "c1", endpointId: "s1" })).toBe(true);
    expect(apiKeyMayProxy(caller, { credentialId: "c1", endpointId: "s2" })).toBe(false);
    // Not through the source's credential directly: that would reach every Workspace it reaches.
    expect(apiKeyMayProxy(caller, { credentialId: "c1" })).toBe(false);
  });

  it("lets a restricted key whose targets were all deleted proxy through nothing", () => {
    const caller = key({ credentialIds: [], endpointIds: [] });
    expect(apiKeyMayProxy(caller, { credentialId: "c1" })).toBe(false);
    expect(apiKeyMayProxy(caller, { credentialId: "c1", endpointId: "s1" })).toBe(false);
  });
});
