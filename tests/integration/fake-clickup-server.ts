import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeClickUp {
  baseUrl: string;
  /** Every request received: path and the Authorization header exactly as sent. */
  requests: { path: string; authorization: string | undefined }[];
  /** Tokens answered 401 OAUTH_025 on every path from now on, as regenerating a token in ClickUp does. */
  revokedTokens: Set<string>;
  /** Tokens answered 500 on every path (ClickUp down for them): says nothing about the token itself. */
  failingTokens: Set<string>;
  /** Tokens answered 429 with X-RateLimit-Reset 42 s ahead on every path (their minute's calls spent). */
  rateLimitedTokens: Set<string>;
  /** Tokens ClickUp now says belong to Grace Hopper (2002), not Ada (the account behind them changed). */
  swappedTokens: Set<string>;
  /** Per token, Workspace ids /api/v2/team leaves out (the person left or was removed from them). */
  droppedWorkspaces: Map<string, Set<string>>;
  /**
   * Tokens answered 200 with these bodies instead of the usual ones (what a hostile or broken
   * ClickUp account could send back): `user` for /api/v2/user, `teams` for /api/v2/team.
   */
  customAnswers: Map<string, { user: Record<string, unknown>; teams: Record<string, unknown>[] }>;
  /**
   * `POST /api/v2/oauth/token`: codes it exchanges (each once) for the access token given, when
   * client_id and client_secret are OAUTH_CLIENT's. Other codes: code_500 → 500, code_html → 200
   * with an HTML page, code_silent → no answer, code_notoken → 200 `{}`, anything else (or a used
   * code) → 400 OAUTH_005. Access tokens `oat_good_*` sent as "Bearer …" work like pk_good_*.
   */
  oauthCodes: Map<string, string>;
  /** Each token request: the URL and the form body as received. */
  tokenRequests: { url: string; body: string }[];
  /**
   * ClickUp's per-token rate limit, off unless a test sets it: calls a minute per token (the key is
   * the token without "Bearer "), held in any 60-second window, answered with ClickUp's headers
   * (X-RateLimit-Limit, -Remaining, -Reset as a Unix time in seconds) and 429 past it.
   */
  limits: Map<string, number>;
  /** Per limited token, each call it received: when (ms) and what it was answered. */
  callLog: Map<string, { at: number; status: number }[]>;
  /** Every request to /api/v2/proxy-test/… (the ClickUp proxy's tests): method, URL, headers and body. */
  proxyRequests: ProxyTestRequest[];
  /** Where /api/v2/proxy-test/redirect sends its 302 (another host, for the ClickUp proxy's tests). */
  redirectTarget: string;
  /** If set, awaited before each answer: lets a test change the database while a call is in flight. */
  beforeAnswer?: (path: string) => void | Promise<void>;
  close(): Promise<void>;
}

export interface ProxyTestRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The Workspaces `GET /api/v2/team` lists for every good token, as e2e/support/fake-clickup.mjs does. */
export const FAKE_TEAMS = [
  { id: "9001", name: "Analytics Workspace", color: "#7b68ee", avatar: null, members: [] },
  { id: "9002", name: "Marketing Workspace", color: "#ff5722", avatar: null, members: [] },
] as const;

/**
 * A loopback stand-in for ClickUp's `GET /api/v2/user` and `GET /api/v2/team`, behaving like
 * e2e/support/fake-clickup.mjs: pk_good_* → 200 (Ada), pk_other_* → 200 (Grace), pk_revoked_*,
 * tokens in revokedTokens and anything else → 401 OAUTH_025, pk_ratelimited_* → 429 with
 * X-RateLimit-Reset 42 s ahead, "Bearer …" → 401 OAUTH_019, tokens in failingTokens → 500,
 * tokens in customAnswers → 200 with the bodies given there. /team lists FAKE_TEAMS.
 */
/** The OAuth app the fake token endpoint knows. */
export const OAUTH_CLIENT = { id: "it-client-id", secret: "it-client-secret-LOOPBACK" } as const;

export function startFakeClickUp(): Promise<FakeClickUp> {
  const requests: FakeClickUp["requests"] = [];
  const revokedTokens = new Set<string>();
  const failingTokens = new Set<string>();
  const rateLimitedTokens = new Set<string>();
  const swappedTokens = new Set<string>();
  const droppedWorkspaces = new Map<string, Set<string>>();
  const customAnswers: FakeClickUp["customAnswers"] = new Map();
  const oauthCodes = new Map<string, string>();
  const tokenRequests: FakeClickUp["tokenRequests"] = [];
  const limits = new Map<string, number>();
  const callLog: FakeClickUp["callLog"] = new Map();
  const server = http.createServer(async (req, res) => {
    const token = req.headers.authorization;
    requests.push({ path: req.url ?? "", authorization: token });
    await fake.beforeAnswer?.(req.url ?? "");
    if (req.url?.startsWith("/api/v2/proxy-test/")) return answerProxyTest(req, res, fake);
    let send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method === "POST" && req.url?.startsWith("/api/v2/oauth/token")) {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString("utf8");
      tokenRequests.push({ url: req.url, body });
      const form = new URLSearchParams(body);
      const code = form.get("code") ?? "";
      if (code === "code_silent") return;
      if (code === "code_500") return send(500, { err: "Internal Server Error" });
      if (code === "code_html") {
        res.writeHead(200, { "content-type": "text/html" });
        return res.end("<html><body>Maintenance</body></html>");
      }
      if (code === "code_notoken") return send(200, {});
      if (form.get("client_id") !== OAUTH_CLIENT.id || form.get("client_secret") !== OAUTH_CLIENT.secret)
        return send(401, { err: "Client invalid", ECODE: "OAUTH_010" });
      const accessToken = oauthCodes.get(code);
      if (!accessToken) return send(400, { err: "Code invalid", ECODE: "OAUTH_005" });
      oauthCodes.delete(code);
      return send(200, { access_token: accessToken });
    }
    if (!token) return send(400, { err: "Authorization header required", ECODE: "OAUTH_017" });
    // ---- The per-token rate limit (limits, callLog): before anything else, as ClickUp counts every call.
    const limitKey = token.replace(/^Bearer /, "");
    const limit = limits.get(limitKey);
    if (limit !== undefined) {
      const now = Date.now();
      const calls = callLog.get(limitKey) ?? [];
      callLog.set(limitKey, calls);
      const inWindow = calls.filter((call) => call.status !== 429 && call.at > now - 60_000);
      const full = inWindow.length >= limit;
      calls.push({ at: now, status: full ? 429 : 0 });
      const oldest = inWindow[0]?.at ?? now;
      const rateHeaders = {
        "x-ratelimit-limit": String(limit),
        "x-ratelimit-remaining": String(Math.max(0, limit - inWindow.length - (full ? 0 : 1))),
        "x-ratelimit-reset": String(Math.ceil((oldest + 60_000) / 1000)),
      };
      if (full) return send(429, { err: "Rate limit reached", ECODE: "APP_002" }, rateHeaders);
      const answered = calls.at(-1)!;
      const plain = send;
      // Every answer below carries the headers; the log notes its status.
      send = (status, body, headers = {}) => {
        answered.status = status;
        plain(status, body, { ...rateHeaders, ...headers });
      };
    }
    // ---- end of the rate limit
    if (failingTokens.has(token)) return send(500, { err: "Internal Server Error" });
    const reset = () => String(Math.floor(Date.now() / 1000) + 42);
    if (rateLimitedTokens.has(token))
      return send(429, { err: "Rate limit reached", ECODE: "APP_002" }, { "x-ratelimit-reset": reset() });
    const custom = customAnswers.get(token);
    if (custom && req.url === "/api/v2/user") return send(200, { user: custom.user });
    if (custom && req.url === "/api/v2/team") return send(200, { teams: custom.teams });
    if (token.startsWith("Bearer oat_good_") && !revokedTokens.has(token.slice(7))) {
      if (req.url === "/api/v2/team") return send(200, { teams: FAKE_TEAMS });
      if (req.url === "/api/v2/user")
        return send(200, { user: { id: 1001, username: "Ada Lovelace", email: "ada@example.test" } });
    }
    if (token.startsWith("Bearer ")) return send(401, { err: "Oauth token not found", ECODE: "OAUTH_019" });
    if (token.startsWith("pk_ratelimited_"))
      return send(429, { err: "Rate limit reached", ECODE: "APP_002" }, { "x-ratelimit-reset": reset() });
    const other = token.startsWith("pk_other_") || swappedTokens.has(token);
    const known = !revokedTokens.has(token) && (other || token.startsWith("pk_good_"));
    const dropped = droppedWorkspaces.get(token);
    if (known && req.url === "/api/v2/team")
      return send(200, { teams: FAKE_TEAMS.filter((team) => !dropped?.has(team.id)) });
    if (req.url !== "/api/v2/user" || !known) {
      return send(401, { err: "Token invalid", ECODE: "OAUTH_025" });
    }
    send(200, {
      user: other
        ? { id: 2002, username: "Grace Hopper", email: "grace@example.test" }
        : { id: 1001, username: "Ada Lovelace", email: "ada@example.test" },
    });
  });
  const fake: FakeClickUp = {
    baseUrl: "",
    requests,
    revokedTokens,
    failingTokens,
    rateLimitedTokens,
    swappedTokens,
    droppedWorkspaces,
    customAnswers,
    oauthCodes,
    tokenRequests,
    limits,
    callLog,
    proxyRequests: [],
    redirectTarget: "http://127.0.0.1:9/elsewhere",
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((done) => server.close(() => done()));
    },
  };
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve(fake);
    });
  });
}

// ---- For the ClickUp proxy's tests (lib/clickup-proxy/): /api/v2/proxy-test/… ----
// Tokens as above (pk_good_*, "Bearer oat_good_*", unless revoked); anything else 401 OAUTH_025.
//   echo/…          200 JSON: method, path, query, headers but Authorization, body (text, byte count, SHA-256), with
//                   ClickUp's X-RateLimit-* headers and two it must not pass on (Set-Cookie, X-Internal-Route)
//   status/NNN      NNN with a ClickUp error body (ECODE TEST_NNN) and Retry-After: 7
//   refuse          401 OAUTH_027 for every token, /user accepting or not (a path that refuses)
//   large?bytes=N   200, N bytes of "a" in 64 KiB chunks, without Content-Length
//   redirect        302 to fake.redirectTarget
//   silent          never answers
async function answerProxyTest(req: http.IncomingMessage, res: http.ServerResponse, fake: FakeClickUp) {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  fake.proxyRequests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  const route = url.pathname.slice("/api/v2/proxy-test/".length);
  const send = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(answer));
  };
  if (route === "refuse") return send(401, { err: "Team not authorized", ECODE: "OAUTH_027" });
  const token = req.headers.authorization ?? "";
  const bare = token.startsWith("Bearer oat_good_") ? token.slice(7) : token;
  const good = (token.startsWith("pk_good_") || token.startsWith("Bearer oat_good_")) && !fake.revokedTokens.has(bare);
  if (!good) return send(401, { err: "Token invalid", ECODE: "OAUTH_025" });
  if (route.startsWith("echo/"))
    return send(
      200,
      {
        method: req.method,
        path: url.pathname,
        query: url.search,
        // Not Authorization (ClickUp never says the token back): fake.proxyRequests holds it.
        headers: { ...req.headers, authorization: undefined },
        body: body.length <= 65_536 ? body.toString("utf8") : null,
        bodyBytes: body.length,
        bodySha256: createHash("sha256").update(body).digest("hex"),
      },
      {
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "57",
        "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 30),
        "set-cookie": "clickup_session=not-for-callers",
        "x-internal-route": "echo",
      },
    );
  const status = /^status\/(\d{3})$/.exec(route);
  if (status) return send(Number(status[1]), { err: "As asked", ECODE: `TEST_${status[1]}` }, { "retry-after": "7" });
  if (route === "large") {
    let left = Number(url.searchParams.get("bytes") ?? 0);
    res.writeHead(200, { "content-type": "application/octet-stream" });
    const chunk = Buffer.alloc(65_536, "a");
    while (left > 0) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) await new Promise((drained) => res.once("drain", drained));
      if (res.destroyed) return;
    }
    return res.end();
  }
  if (route === "redirect") {
    res.writeHead(302, { location: fake.redirectTarget });
    return res.end();
  }
  if (route === "silent") return;
  send(404, { err: "Route not found", ECODE: "APP_001" });
}
