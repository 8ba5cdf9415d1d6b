import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

import { OAUTH_CLIENT } from "./fake-clickup-server";
import { setUpIntegrationTests, testCaller } from "./setup";

// The OAuth callback route (app/oauth/[connector]/callback) as the browser meets it (issue #27
// item 3): it redirects with only the id of a one-time outcome record, never the outcome itself;
// and when it cannot keep the record it says so itself instead of redirecting.

const signedIn = vi.hoisted(() => ({ value: null as null | { person: unknown; sessionId: string } }));
vi.mock("@/lib/auth/session", () => ({ getSignedInSession: async () => signedIn.value }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "198.51.100.20" }) }));

const APP_URL = "https://credentials.example.test";
const { clickUp } = await setUpIntegrationTests({
  oauth: {
    clientId: OAUTH_CLIENT.id,
    clientSecret: OAUTH_CLIENT.secret,
    appUrl: APP_URL,
    appBaseUrl: "https://app.clickup.test",
  },
});
const [{ GET }, { startOAuthConnection }, { takeOAuthOutcome }, { OAUTH_MESSAGES }] = await Promise.all([
  import("@/app/oauth/[connector]/callback/route"),
  import("@/lib/oauth/start-connection"),
  import("@/lib/oauth/outcome-store"),
  import("@/lib/oauth/messages"),
]);

const SESSION = "callback-session";
const binding = { personId: testCaller.person.id, sessionId: SESSION };
signedIn.value = { person: testCaller.person, sessionId: SESSION };

async function start(name: string, description = "") {
  const started = await startOAuthConnection(
    { ...testCaller, sessionId: SESSION },
    { connector: "clickup", kind: "source", returnPath: "/sources/new/clickup?name=Draft", name, description },
  );
  if (!started.ok) throw new Error(started.message);
  return new URL(started.data.authorizeUrl).searchParams.get("state")!;
}

function callback(query: Record<string, string>) {
  return GET(new NextRequest(`${APP_URL}/oauth/clickup/callback?${new URLSearchParams(query)}`), {
    params: Promise.resolve({ connector: "clickup" }),
  });
}

/** The redirect's target; checks it carries the page's own query and the outcome id, nothing else. */
function landing(response: Response) {
  expect(response.status).toBe(303);
  const location = new URL(response.headers.get("location")!);
  expect(`${location.origin}${location.pathname}`).toBe(`${APP_URL}/sources/new/clickup`);
  expect([...location.searchParams.keys()]).toEqual(["name", "oauthOutcome"]);
  expect(location.searchParams.get("oauthOutcome")).toMatch(/^[\w-]{43}$/);
  return location;
}

describe("the OAuth callback route", () => {
  it("after a connect, redirects with only the outcome's id; the record names the credential, once", async () => {
    const name = `Connected ${randomBytes(3).toString("hex")}`;
    const state = await start(name);
    clickUp.oauthCodes.set("code_route_ok", "oat_good_route");
    const location = landing(await callback({ state, code: "code_route_ok" }));
    const id = location.searchParams.get("oauthOutcome")!;
    expect(location.href).not.toContain("oat_good_route");
    const shown = await takeOAuthOutcome(binding, id, "/sources/new/clickup");
    expect(shown).toEqual({ ok: true, credentialId: expect.any(String), reconnected: false });
    expect(await takeOAuthOutcome(binding, id, "/sources/new/clickup")).toBeUndefined();
  });

  it("after a denial, the typed name and description stay on the server, not in the URL", async () => {
    const name = `Denied ${randomBytes(3).toString("hex")}`;
    const state = await start(name, "kept server-side");
    const location = landing(await callback({ state, error: "access_denied" }));
    expect(location.href).not.toContain(encodeURIComponent(name).replace(/%20/g, "+"));
    expect(location.href).not.toContain("kept");
    expect(await takeOAuthOutcome(binding, location.searchParams.get("oauthOutcome")!, "/sources/new/clickup")).toEqual(
      {
        ok: false,
        reason: "denied",
        message: OAUTH_MESSAGES.denied,
        form: { name, description: "kept server-side" },
      },
    );
  });

  it("says itself that the outcome could not be kept when the record cannot be written", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // A session whose person is gone: the record's person no longer exists, so it cannot be stored.
    signedIn.value = { person: { ...testCaller.person, id: "removed-meanwhile" }, sessionId: SESSION };
    try {
      const response = await callback({ state: "s".repeat(43), code: "code_whatever" });
      expect(response.status).toBe(503);
      expect(response.headers.get("location")).toBeNull();
      expect(response.headers.get("cache-control")).toBe("no-store");
      const html = await response.text();
      expect(html).toContain(OAUTH_MESSAGES.outcomeNotRecorded);
      expect(html).not.toContain("code_whatever");
      expect(error).toHaveBeenCalledWith(expect.stringMatching(/^\[credentials\] recording the OAuth outcome failed/));
    } finally {
      signedIn.value = { person: testCaller.person, sessionId: SESSION };
      error.mockRestore();
    }
  });
});
