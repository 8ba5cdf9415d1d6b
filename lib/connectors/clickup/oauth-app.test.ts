import { afterEach, describe, expect, it, vi } from "vitest";

// The connector's OAuth app comes from the environment (lib/config/env.ts parses it once per
// module instance: a fresh one per case).
async function oauthAppWith(env: Record<string, string>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const { clickUpOAuthApp } = await import("./oauth");
  return clickUpOAuthApp();
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("ClickUp's OAuth app", () => {
  it("is absent by default: the overlay is API key only", async () => {
    expect(await oauthAppWith({ CLICKUP_OAUTH_CLIENT_ID: "", CLICKUP_OAUTH_CLIENT_SECRET: "" })).toBeUndefined();
  });

  it("with both set and APP_URL, gives the authorise page and the redirect URL to register", async () => {
    expect(
      await oauthAppWith({
        CLICKUP_OAUTH_CLIENT_ID: "client-1",
        CLICKUP_OAUTH_CLIENT_SECRET: "secret-1",
        CLICKUP_APP_BASE_URL: "http://127.0.0.1:4840/",
        APP_URL: "https://credentials.example.com",
      }),
    ).toEqual({
      clientId: "client-1",
      clientSecret: "secret-1",
      redirectUri: "https://credentials.example.com/oauth/clickup/callback",
      authorizeUrl: "http://127.0.0.1:4840/api",
    });
  });
});
