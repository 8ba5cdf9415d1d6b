#!/usr/bin/env node
// A stand-in for ClickUp's API on a loopback port, for tests. ClickUp itself is never called.
//
// What a token does is chosen by its prefix, so parallel tests never share state:
//   pk_good_*        200 from /api/v2/user and /api/v2/team (the user is derived from the token)
//   pk_other_*       200, but a different ClickUp account
//   pk_long_*        200, an account with a long email address and a third Workspace whose name is
//                    one 200-character word (ClickUp's names as long as we keep them), for reflow checks
//   pk_revoked_*     401 {"err":"Token invalid","ECODE":"OAUTH_025"}
//   pk_ratelimited_* 429 with X-RateLimit-* headers, reset 42 s from now
//   pk_broken_*      500 with an HTML body
//   pk_badjson_*     200 with a body that is not JSON
//   pk_slow_*        200 after FAKE_CLICKUP_DELAY_MS (default 1500)
//   pk_silent_*      never answers
// Like ClickUp, "Bearer pk_..." is refused (401 OAUTH_019) and a missing header is 400 OAUTH_017.
//
// OAuth, as ClickUp's (client id/secret: FAKE_CLICKUP_OAUTH_CLIENT_ID / _SECRET, default
// e2e-oauth-client / e2e-oauth-secret):
//   GET /api?client_id=&redirect_uri=&state=  the authorise page: one checkbox per Workspace,
//       Authorize and Cancel. Unknown client_id or no redirect_uri: a 400 error page, no redirect.
//       Authorize with no Workspace ticked: the page again with an error. Authorize: 302 to
//       redirect_uri?code=code_good_<random>&state=…; Cancel: 302 to redirect_uri?error=access_denied&state=….
//   POST /api/v2/oauth/token (client_id, client_secret, code as a form body or query parameters):
//       wrong client id/secret       401 {"err":"Client not found","ECODE":"OAUTH_010"}
//       code_good_* from the page    200 {"access_token":"oat_good_<random>"}, once (the code is used up);
//                                    the token sees only the Workspaces ticked on the page
//       used or unknown code         400 {"err":"Code not found or already used","ECODE":"OAUTH_014"}
//       code_broken_*                500 with an HTML body
//       code_html_*                  200 with an HTML body
//       code_silent_*                never answers
//       code_notoken_*               200 {}
//       code_rejectedtoken_*         200 {"access_token":"oat_rejected_<random>"}, which /user refuses (401 OAUTH_027)
//       code_ratelimited_*           429 with X-RateLimit-* headers
//   "Bearer oat_good_*" (issued here) works on /api/v2/user (Ada Lovelace) and /api/v2/team (the
//   ticked Workspaces only); an oat_ token without "Bearer " is refused (401 OAUTH_025).
//
// GET /__fake/requests lists every request received (method, path, authorization) — for the token
// endpoint the path only, never its query or body (they hold the client secret and the code);
// DELETE /__fake/requests clears it. POST /__fake/revoke with a token as the body revokes it from
// then on, as regenerating a token in ClickUp does. Per-token controls, so specs running beside
// are never affected — POST /__fake/token with JSON {token, …}:
//   {"revoked": true|false}        revoke it, or accept it again
//   {"account": "other"|"own"}      ClickUp reports another account behind it (Grace Hopper), or its own again
//   {"dropWorkspaces": ["9002"]}    /team leaves these Workspaces out ([] restores them)
//   {"fail": 500|429, "forMs": n}   every answer for it is a 500 (HTML) or a 429 (X-RateLimit-*) for n ms
//   {"limitPerMinute": n|null}      ClickUp's per-token rate limit (off by default): n calls in any
//                                   60-second window, every answer with X-RateLimit-Limit, -Remaining
//                                   and -Reset (Unix seconds), a 429 past it; null turns it off
// POST /__fake/calls with JSON {token} answers {calls: [{at, status}]}: each call a limited token
// received (at in ms), for tests that check no window held more than the limit.
//
// For the ClickUp proxy (its spec and `npm run bench:proxy`): with a token /user accepts, any
// method on /api/v2/list/…, /api/v2/task/… and /api/v2/proxy-test/echo/… answers at once with
// 200 JSON {method, path, query, headers (not Authorization), bodyBytes, bodySha256} and
// X-RateLimit-* headers, like ClickUp's.
// Listens on FAKE_CLICKUP_PORT (default 4010), 127.0.0.1 only.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";

const port = Number(process.env.FAKE_CLICKUP_PORT ?? 4010);
const slowDelayMs = Number(process.env.FAKE_CLICKUP_DELAY_MS ?? 1500);
const received = [];
const revoked = new Set();
/** Per-token controls (POST /__fake/token): swapped accounts, dropped Workspaces, failures until a time. */
const swapped = new Set();
const droppedWorkspaces = new Map();
const failing = new Map();
const oauthClient = {
  id: process.env.FAKE_CLICKUP_OAUTH_CLIENT_ID || "e2e-oauth-client",
  secret: process.env.FAKE_CLICKUP_OAUTH_CLIENT_SECRET || "e2e-oauth-secret",
};
/** code_good_* issued by the authorise page → the Workspace ids ticked (deleted once exchanged). */
const issuedCodes = new Map();
/** oat_good_* access tokens → the Workspace ids they may see. */
const accessTokens = new Map();
const WORKSPACES = [
  { id: "9001", name: "Analytics Workspace", color: "#7b68ee" },
  { id: "9002", name: "Marketing Workspace", color: "#ff5722" },
];
/** A third Workspace pk_long_ tokens also see: its name one unbroken word at our 200-character cap. */
const LONG_WORKSPACE = {
  id: "9003",
  name: `LongWorkspace${"Analytics".repeat(21)}`.slice(0, 200),
  color: "#2196f3",
};
const LONG_EMAIL = "firstname.middlename.lastname.department@subdomain.example-company.com";
const random = () => randomBytes(12).toString("hex");

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function userFor(token) {
  if (token.startsWith("pk_long_"))
    return {
      id: 3003,
      username: "Augusta Ada King, Countess of Lovelace",
      email: LONG_EMAIL,
      color: "#000000",
      profilePicture: null,
      initials: "AK",
      week_start_day: 0,
      global_font_support: false,
      timezone: "Europe/London",
    };
  const other = token.startsWith("pk_other_");
  return {
    id: other ? 2002 : 1001,
    username: other ? "Grace Hopper" : "Ada Lovelace",
    email: other ? "grace@example.test" : "ada@example.test",
    color: "#000000",
    profilePicture: null,
    initials: other ? "GH" : "AL",
    week_start_day: 0,
    global_font_support: false,
    timezone: "Europe/London",
  };
}

function answerClickUp(req, res, token) {
  if (!token) return sendJson(res, 400, { err: "Authorization header required", ECODE: "OAUTH_017" });
  if (token.startsWith("Bearer ")) return answerOAuthToken(req, res, token.slice("Bearer ".length));
  if (token.startsWith("pk_silent_")) return; // hold the connection open; the app must time out
  if (token.startsWith("pk_revoked_") || revoked.has(token))
    return sendJson(res, 401, { err: "Token invalid", ECODE: "OAUTH_025" });
  const failure = failing.get(token);
  if (failure && failure.until > Date.now()) {
    if (failure.status === 429)
      return sendJson(
        res,
        429,
        { err: "Rate limit reached", ECODE: "APP_002" },
        {
          "x-ratelimit-limit": "100",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(Math.ceil(failure.until / 1000)),
        },
      );
    res.writeHead(500, { "content-type": "text/html" });
    return res.end("<html><body><h1>500 Internal Server Error</h1></body></html>");
  }
  if (token.startsWith("pk_ratelimited_")) {
    const reset = Math.floor(Date.now() / 1000) + 42;
    return sendJson(
      res,
      429,
      { err: "Rate limit reached", ECODE: "APP_002" },
      {
        "x-ratelimit-limit": "100",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": String(reset),
      },
    );
  }
  if (token.startsWith("pk_broken_")) {
    res.writeHead(500, { "content-type": "text/html" });
    return res.end("<html><body><h1>500 Internal Server Error</h1></body></html>");
  }
  if (token.startsWith("pk_badjson_")) {
    res.writeHead(200, { "content-type": "application/json" });
    return res.end('{"user": {"id": 1001, "username": ');
  }
  const known = ["pk_good_", "pk_other_", "pk_long_", "pk_slow_"].some((prefix) => token.startsWith(prefix));
  if (!known) return sendJson(res, 401, { err: "Token invalid", ECODE: "OAUTH_025" });

  const respond = () => {
    const user = userFor(swapped.has(token) ? "pk_other_" : token);
    if (req.url === "/api/v2/user") return sendJson(res, 200, { user });
    if (req.url === "/api/v2/team") {
      const workspaces = token.startsWith("pk_long_") ? [...WORKSPACES, LONG_WORKSPACE] : WORKSPACES;
      const dropped = droppedWorkspaces.get(token) ?? [];
      const reachable = workspaces.filter((workspace) => !dropped.includes(workspace.id));
      return sendJson(res, 200, { teams: teamsFor(reachable, user) });
    }
    sendJson(res, 404, { err: "Route not found", ECODE: "APP_001" });
  };
  if (token.startsWith("pk_slow_")) setTimeout(respond, slowDelayMs);
  else respond();
}

function teamsFor(workspaces, user) {
  return workspaces.map((workspace) => ({ ...workspace, avatar: null, members: [{ user }] }));
}

/** "Authorization: Bearer <token>": only OAuth access tokens issued here are accepted. */
function answerOAuthToken(req, res, token) {
  const workspaceIds = accessTokens.get(token);
  if (token.startsWith("oat_rejected_") || (workspaceIds && revoked.has(token)))
    return sendJson(res, 401, { err: "Oauth token revoked", ECODE: "OAUTH_027" });
  if (!workspaceIds) return sendJson(res, 401, { err: "Oauth token not found", ECODE: "OAUTH_019" });
  const user = userFor("pk_good_");
  if (req.url === "/api/v2/user") return sendJson(res, 200, { user });
  if (req.url === "/api/v2/team")
    return sendJson(res, 200, {
      teams: teamsFor(
        WORKSPACES.filter((w) => workspaceIds.includes(w.id)),
        user,
      ),
    });
  sendJson(res, 404, { err: "Route not found", ECODE: "APP_001" });
}

function readBody(req) {
  return new Promise((resolve) => {
    let body = "";
    req.on("data", (chunk) => {
      if (body.length < 100_000) body += chunk;
    });
    req.on("end", () => resolve(body));
  });
}

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function sendHtml(res, status, title, body) {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  res.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"></head>` +
      `<body><main>${body}</main></body></html>`,
  );
}

function authorisePage(res, { clientId, redirectUri, state }, error) {
  const checkboxes = WORKSPACES.map(
    (w) =>
      `<div><input type="checkbox" id="workspace-${w.id}" name="workspace" value="${w.id}">` +
      ` <label for="workspace-${w.id}">${escapeHtml(w.name)}</label></div>`,
  ).join("");
  sendHtml(
    res,
    error ? 400 : 200,
    "Authorize app · ClickUp",
    `<h1>Authorize app</h1>` +
      `<p>The app <strong>ClickUp credentials (e2e)</strong> is asking for access to your ClickUp Workspaces as Ada Lovelace (ada@example.test).</p>` +
      (error ? `<p role="alert" id="authorise-error">${escapeHtml(error)}</p>` : "") +
      `<form method="post" action="/api">` +
      `<input type="hidden" name="client_id" value="${escapeHtml(clientId)}">` +
      `<input type="hidden" name="redirect_uri" value="${escapeHtml(redirectUri)}">` +
      `<input type="hidden" name="state" value="${escapeHtml(state)}">` +
      `<fieldset${error ? ' aria-describedby="authorise-error"' : ""}><legend>Workspaces the app may use</legend>${checkboxes}</fieldset>` +
      `<p><button type="submit" name="decision" value="authorize">Authorize</button> ` +
      `<button type="submit" name="decision" value="cancel">Cancel</button></p>` +
      `</form>`,
  );
}

function redirectBack(res, redirectUri, params) {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  res.writeHead(302, { location: target.toString(), "cache-control": "no-store" });
  res.end();
}

/** GET shows ClickUp's authorise page; POST is the person's answer on it. */
async function answerAuthorise(req, res, url) {
  const params = req.method === "POST" ? new URLSearchParams(await readBody(req)) : url.searchParams;
  const request = {
    clientId: params.get("client_id") ?? "",
    redirectUri: params.get("redirect_uri") ?? "",
    state: params.get("state") ?? "",
  };
  let redirectValid = false;
  try {
    redirectValid = /^https?:$/.test(new URL(request.redirectUri).protocol);
  } catch {
    redirectValid = false;
  }
  if (request.clientId !== oauthClient.id || !redirectValid) {
    return sendHtml(
      res,
      400,
      "Error · ClickUp",
      `<h1>Something went wrong</h1><p role="alert">${
        request.clientId !== oauthClient.id
          ? "This app is not known to ClickUp (unknown client_id)."
          : "The redirect_uri is missing or not valid."
      }</p>`,
    );
  }
  if (req.method !== "POST") return authorisePage(res, request);
  const decision = params.get("decision");
  if (decision === "cancel")
    return redirectBack(res, request.redirectUri, { error: "access_denied", state: request.state });
  const ticked = params.getAll("workspace").filter((id) => WORKSPACES.some((w) => w.id === id));
  if (ticked.length === 0) return authorisePage(res, request, "Choose at least one Workspace to authorize the app.");
  const code = `code_good_${random()}`;
  issuedCodes.set(code, ticked);
  redirectBack(res, request.redirectUri, { code, state: request.state });
}

/** POST /api/v2/oauth/token: exchanges a code for an access token. */
async function answerTokenExchange(req, res, url) {
  const params = new URLSearchParams(url.search);
  const bodyText = await readBody(req);
  const type = req.headers["content-type"] ?? "";
  let body = new URLSearchParams();
  if (type.includes("application/json")) {
    try {
      body = new URLSearchParams(Object.entries(JSON.parse(bodyText)).map(([k, v]) => [k, String(v)]));
    } catch {
      body = new URLSearchParams();
    }
  } else body = new URLSearchParams(bodyText);
  const get = (name) => body.get(name) ?? params.get(name) ?? "";
  if (get("client_id") !== oauthClient.id || get("client_secret") !== oauthClient.secret)
    return sendJson(res, 401, { err: "Client not found", ECODE: "OAUTH_010" });
  const code = get("code");
  if (code.startsWith("code_silent_")) return; // hold the connection open; the app must time out
  if (code.startsWith("code_broken_")) {
    res.writeHead(500, { "content-type": "text/html" });
    return res.end("<html><body><h1>500 Internal Server Error</h1></body></html>");
  }
  if (code.startsWith("code_html_")) {
    res.writeHead(200, { "content-type": "text/html" });
    return res.end("<html><body><h1>Welcome to ClickUp</h1></body></html>");
  }
  if (code.startsWith("code_notoken_")) return sendJson(res, 200, {});
  if (code.startsWith("code_rejectedtoken_")) return sendJson(res, 200, { access_token: `oat_rejected_${random()}` });
  if (code.startsWith("code_ratelimited_")) {
    const reset = Math.floor(Date.now() / 1000) + 42;
    return sendJson(
      res,
      429,
      { err: "Rate limit reached", ECODE: "APP_002" },
      { "x-ratelimit-limit": "100", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(reset) },
    );
  }
  const workspaceIds = issuedCodes.get(code);
  if (!workspaceIds) return sendJson(res, 400, { err: "Code not found or already used", ECODE: "OAUTH_014" });
  issuedCodes.delete(code);
  const accessToken = `oat_good_${random()}`;
  accessTokens.set(accessToken, workspaceIds);
  sendJson(res, 200, { access_token: accessToken });
}

/** POST /__fake/token: changes what ClickUp answers for one token (see the top of this file). */
async function controlToken(req, res) {
  let control;
  try {
    control = JSON.parse(await readBody(req));
  } catch {
    return sendJson(res, 400, { error: "expected JSON" });
  }
  const { token } = control;
  if (typeof token !== "string" || !token) return sendJson(res, 400, { error: "token required" });
  if (control.revoked === true) revoked.add(token);
  if (control.revoked === false) revoked.delete(token);
  if (control.account === "other") swapped.add(token);
  if (control.account === "own") swapped.delete(token);
  if (Array.isArray(control.dropWorkspaces)) droppedWorkspaces.set(token, control.dropWorkspaces.map(String));
  if (control.limitPerMinute === null) rateLimits.delete(token);
  else if (Number.isSafeInteger(control.limitPerMinute) && control.limitPerMinute > 0)
    rateLimits.set(token, control.limitPerMinute);
  if (control.fail === 500 || control.fail === 429)
    failing.set(token, { status: control.fail, until: Date.now() + Number(control.forMs ?? 60_000) });
  sendJson(res, 200, { ok: true });
}

// ---- The per-token rate limit ({"limitPerMinute": n} above): off unless a spec sets it for its token.
/** token (without "Bearer ") → calls a minute */
const rateLimits = new Map();
/** token → each call received while limited: { at (ms), status } */
const callLogs = new Map();

/**
 * Counts a call of a limited token in its 60-second window. Past the limit, answers 429 itself and
 * returns true; otherwise every answer to this call carries ClickUp's rate-limit headers.
 */
function enforceRateLimit(res, authorization) {
  const token = (authorization ?? "").replace(/^Bearer /, "");
  const limit = rateLimits.get(token);
  if (limit === undefined) return false;
  const now = Date.now();
  const calls = callLogs.get(token) ?? [];
  callLogs.set(token, calls);
  const inWindow = calls.filter((call) => call.status !== 429 && call.at > now - 60_000);
  const full = inWindow.length >= limit;
  const call = { at: now, status: full ? 429 : 0 };
  calls.push(call);
  const headers = {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(Math.max(0, limit - inWindow.length - (full ? 0 : 1))),
    "x-ratelimit-reset": String(Math.ceil(((inWindow[0]?.at ?? now) + 60_000) / 1000)),
  };
  if (full) {
    sendJson(res, 429, { err: "Rate limit reached", ECODE: "APP_002" }, headers);
    return true;
  }
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.on("finish", () => (call.status = res.statusCode));
  return false;
}

async function answerCallLog(req, res) {
  let token;
  try {
    ({ token } = JSON.parse(await readBody(req)));
  } catch {
    return sendJson(res, 400, { error: "expected JSON" });
  }
  sendJson(res, 200, { calls: callLogs.get(token) ?? [] });
}
// ---- end of the rate limit

const server = http.createServer((req, res) => {
  if (req.url === "/__fake/requests") {
    if (req.method === "DELETE") received.length = 0;
    return sendJson(res, 200, received);
  }
  if (req.url === "/__fake/revoke" && req.method === "POST") {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      revoked.add(body.trim());
      sendJson(res, 200, { revoked: true });
    });
    return;
  }
  if (req.url === "/__fake/token" && req.method === "POST") return void controlToken(req, res);
  if (req.url === "/__fake/calls" && req.method === "POST") return void answerCallLog(req, res);
  if (req.url === "/__fake/health") return sendJson(res, 200, { ok: true });
  const url = new URL(req.url ?? "/", "http://fake.invalid");
  const isTokenEndpoint = url.pathname === "/api/v2/oauth/token";
  const authorization = req.headers.authorization;
  received.push({
    method: req.method,
    // The token endpoint's query may carry the client secret and the code: never kept.
    path: isTokenEndpoint ? url.pathname : req.url,
    authorization: isTokenEndpoint ? null : (authorization ?? null),
    at: new Date().toISOString(),
  });
  if (url.pathname === "/api" && (req.method === "GET" || req.method === "POST"))
    return void answerAuthorise(req, res, url);
  if (isTokenEndpoint && req.method === "POST") return void answerTokenExchange(req, res, url);
  if (enforceRateLimit(res, authorization)) return;
  if (isProxyEchoPath(url.pathname) && acceptsToken(authorization)) return void answerProxyEcho(req, res, url);
  answerClickUp(req, res, authorization);
});

// ---- The ClickUp proxy's echo (see the top of this file) ----
function isProxyEchoPath(pathname) {
  return /^\/api\/v2\/(?:list|task|proxy-test\/echo)\//.test(pathname);
}

/** Whether /user would accept this Authorization header as it stands (no per-token failure either). */
function acceptsToken(authorization = "") {
  if (revoked.has(authorization) || (failing.get(authorization)?.until ?? 0) > Date.now()) return false;
  if (authorization.startsWith("Bearer "))
    return accessTokens.has(authorization.slice(7)) && !revoked.has(authorization.slice(7));
  return ["pk_good_", "pk_other_", "pk_long_"].some((prefix) => authorization.startsWith(prefix));
}

async function answerProxyEcho(req, res, url) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks);
  // Not Authorization: ClickUp never says the token back.
  const headers = { ...req.headers };
  delete headers.authorization;
  sendJson(
    res,
    200,
    {
      method: req.method,
      path: url.pathname,
      query: url.search,
      headers,
      bodyBytes: body.length,
      bodySha256: createHash("sha256").update(body).digest("hex"),
    },
    {
      "x-ratelimit-limit": "100",
      "x-ratelimit-remaining": "99",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 60),
    },
  );
}

server.listen(port, "127.0.0.1", () => console.log(`[fake-clickup] listening on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
