import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { CLICKUP_MESSAGES } from "./responses";

const TOKEN = "pk_4242_LOOPBACKSECRET";
const TIMEOUT_MS = 300;

type Received = { url: string; authorization: string | undefined; accept: string | undefined };

function listen(handler: http.RequestListener): Promise<{ server: http.Server; baseUrl: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      resolve({ server, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    }),
  );
}

function stop(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

const received: Received[] = [];
const redirectTargetHits: Received[] = [];
let clickUp: { server: http.Server; baseUrl: string };
let redirectTarget: { server: http.Server; baseUrl: string };
let closedPortUrl: string;

function json(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

beforeAll(async () => {
  redirectTarget = await listen((req, res) => {
    redirectTargetHits.push({
      url: req.url ?? "",
      authorization: req.headers.authorization,
      accept: req.headers.accept,
    });
    json(res, 200, { user: { id: 666, username: "Attacker", email: "evil@example.test" } });
  });
  clickUp = await listen((req, res) => {
    received.push({ url: req.url ?? "", authorization: req.headers.authorization, accept: req.headers.accept });
    const token = req.headers.authorization ?? "";
    if (req.url === "/api/v2/silent") return; // never answers
    if (req.url === "/api/v2/stalled-body") {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"user": ');
      return; // headers sent, body never finishes
    }
    if (req.url === "/api/v2/redirect") {
      res.writeHead(302, { location: `${redirectTarget.baseUrl}/api/v2/user` });
      return res.end();
    }
    if (req.url === "/api/v2/huge") {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(2_000_000) });
      return res.end();
    }
    if (token.startsWith("Bearer oat_") && req.url === "/api/v2/team")
      return json(res, 200, { teams: [{ id: "9001", name: "Analytics Workspace" }] });
    if (token.startsWith("Bearer oat_"))
      return json(res, 200, { user: { id: 1002, username: "Grace Hopper", email: "grace@example.test" } });
    if (token.startsWith("Bearer ")) return json(res, 401, { err: "Oauth token not found", ECODE: "OAUTH_019" });
    if (token.startsWith("pk_revoked_")) return json(res, 401, { err: "Token invalid", ECODE: "OAUTH_025" });
    if (token.startsWith("pk_oddshape_")) return json(res, 200, { teams: [] });
    json(res, 200, { user: { id: 1001, username: "Ada Lovelace", email: "ada@example.test" } });
  });
  // The process's first fetch loads the HTTP client, which on a busy machine can take longer than
  // TIMEOUT_MS: do it here, so the first test's call is timed like every other one.
  await (await fetch(`${clickUp.baseUrl}/warm-up`)).text();
  const closed = await listen(() => undefined);
  closedPortUrl = closed.baseUrl;
  await stop(closed.server);
});

afterAll(async () => {
  await Promise.all([stop(clickUp.server), stop(redirectTarget.server)]);
});

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  received.length = 0;
  redirectTargetHits.length = 0;
  warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
});

/** Loads api.ts afresh against a base URL (lib/config/env.ts caches what it parsed). */
async function loadApi(baseUrl: string) {
  process.env.CLICKUP_API_BASE_URL = baseUrl;
  process.env.CLICKUP_TIMEOUT_MS = String(TIMEOUT_MS);
  vi.resetModules();
  return import("./api");
}

function expectNoTokenIn(value: unknown) {
  expect(JSON.stringify(value)).not.toContain(TOKEN);
  expect(JSON.stringify(warn.mock.calls)).not.toContain(TOKEN);
  expect(JSON.stringify(warn.mock.calls)).not.toContain("LOOPBACKSECRET");
}

describe("verifyClickUpToken against a loopback server", () => {
  it("sends the raw token as the Authorization header (no Bearer) to GET /api/v2/user and returns the account", async () => {
    const { verifyClickUpToken } = await loadApi(clickUp.baseUrl);
    const result = await verifyClickUpToken(TOKEN);
    expect(result).toEqual({ ok: true, account: { id: "1001", name: "Ada Lovelace", email: "ada@example.test" } });
    expect(received).toEqual([{ url: "/api/v2/user", authorization: TOKEN, accept: "application/json" }]);
  });

  it("ignores a trailing slash on CLICKUP_API_BASE_URL", async () => {
    const { verifyClickUpToken } = await loadApi(`${clickUp.baseUrl}/`);
    expect((await verifyClickUpToken(TOKEN)).ok).toBe(true);
    expect(received.map((r) => r.url)).toEqual(["/api/v2/user"]);
  });

  it("reports a revoked token as rejected", async () => {
    const { verifyClickUpToken } = await loadApi(clickUp.baseUrl);
    const result = await verifyClickUpToken("pk_revoked_LOOPBACKSECRET");
    expect(result).toMatchObject({ ok: false, failure: { kind: "rejected" } });
    expectNoTokenIn(result);
  });

  it("reports a 200 answer that is not a ClickUp user as unavailable", async () => {
    const { verifyClickUpToken } = await loadApi(clickUp.baseUrl);
    expect(await verifyClickUpToken("pk_oddshape_1")).toMatchObject({ ok: false, failure: { kind: "unavailable" } });
  });

  it("gives up on a server that never answers within about CLICKUP_TIMEOUT_MS, as timed out", async () => {
    const { getFromClickUp } = await loadApi(clickUp.baseUrl);
    const started = performance.now();
    const result = await getFromClickUp("/api/v2/silent", TOKEN);
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ ok: false, failure: { kind: "timed-out", message: CLICKUP_MESSAGES.timedOut } });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 1500);
    expectNoTokenIn(result);
  });

  it("bounds the body too: headers then a stalled body times out within the timeout", async () => {
    const { getFromClickUp } = await loadApi(clickUp.baseUrl);
    const started = performance.now();
    const result = await getFromClickUp("/api/v2/stalled-body", TOKEN);
    expect(result).toMatchObject({ ok: false, failure: { kind: "timed-out", message: CLICKUP_MESSAGES.timedOut } });
    expect(performance.now() - started).toBeLessThan(TIMEOUT_MS + 1500);
  });

  it("reports a refused connection as unreachable, without the token in the result or the log", async () => {
    const { verifyClickUpToken } = await loadApi(closedPortUrl);
    const result = await verifyClickUpToken(TOKEN);
    // The server knows which fault it met (a refusal answers at once): it says that one, and that
    // it was the server, not the person's own connection, that could not reach ClickUp.
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: "unreachable", message: CLICKUP_MESSAGES.noConnection },
    });
    if (!result.ok) {
      expect(result.failure.message).toMatch(/^The server could not connect to ClickUp \(the connection was refused/);
      expect(result.failure.message).not.toMatch(/your connection|no answer in time/i);
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(/ECONNREFUSED/);
    expectNoTokenIn(result);
  });

  it("does not follow a redirect, and says it was one: the token never reaches the redirect target", async () => {
    const { getFromClickUp } = await loadApi(clickUp.baseUrl);
    const result = await getFromClickUp("/api/v2/redirect", TOKEN);
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: "redirected", message: expect.stringMatching(/redirect/i) },
    });
    if (!result.ok) expect(result.failure.message).not.toMatch(/Could not reach/);
    expect(received).toHaveLength(1);
    expect(redirectTargetHits).toEqual([]);
    // The log names the status and where it pointed (an operator's clue), never the token.
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/302.*127\.0\.0\.1/);
    expectNoTokenIn(result);
  });

  it("refuses a declared body over 1 MB as unavailable", async () => {
    const { getFromClickUp } = await loadApi(clickUp.baseUrl);
    expect(await getFromClickUp("/api/v2/huge", TOKEN)).toMatchObject({ ok: false, failure: { kind: "unavailable" } });
  });
});

describe("an OAuth access token", () => {
  const ACCESS_TOKEN = "oat_4242_LOOPBACKSECRET";

  it("goes as `Authorization: Bearer <token>` to /api/v2/user, while a personal token still goes raw", async () => {
    const { verifyClickUpToken } = await loadApi(clickUp.baseUrl);
    expect(await verifyClickUpToken(ACCESS_TOKEN, "oauth")).toEqual({
      ok: true,
      account: { id: "1002", name: "Grace Hopper", email: "grace@example.test" },
    });
    expect(await verifyClickUpToken(TOKEN, "api-key")).toMatchObject({ ok: true });
    expect(received.map((r) => r.authorization)).toEqual([`Bearer ${ACCESS_TOKEN}`, TOKEN]);
  });

  it("goes as Bearer to /api/v2/team for the Workspace list", async () => {
    const { listClickUpWorkspaces } = await loadApi(clickUp.baseUrl);
    expect(await listClickUpWorkspaces(ACCESS_TOKEN, "oauth")).toEqual({
      ok: true,
      workspaces: [{ id: "9001", name: "Analytics Workspace" }],
    });
    expect(received).toEqual([
      { url: "/api/v2/team", authorization: `Bearer ${ACCESS_TOKEN}`, accept: "application/json" },
    ]);
  });

  it("sent raw (as an API key) is rejected, without the token in the result", async () => {
    const { verifyClickUpToken } = await loadApi(clickUp.baseUrl);
    const result = await verifyClickUpToken("pk_revoked_LOOPBACKSECRET", "oauth");
    expect(result).toMatchObject({ ok: false, failure: { kind: "rejected" } });
    expectNoTokenIn(result);
  });
});
