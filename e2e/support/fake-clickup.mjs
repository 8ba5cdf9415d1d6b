#!/usr/bin/env node
// A stand-in for ClickUp's API on a loopback port, for tests. ClickUp itself is never called.
//
// What a token does is chosen by its prefix, so parallel tests never share state:
//   pk_good_*        200 from /api/v2/user and /api/v2/team (the user is derived from the token)
//   pk_other_*       200, but a different ClickUp account
//   pk_revoked_*     401 {"err":"Token invalid","ECODE":"OAUTH_025"}
//   pk_ratelimited_* 429 with X-RateLimit-* headers, reset 42 s from now
//   pk_broken_*      500 with an HTML body
//   pk_badjson_*     200 with a body that is not JSON
//   pk_slow_*        200 after FAKE_CLICKUP_DELAY_MS (default 1500)
//   pk_silent_*      never answers
// Like ClickUp, "Bearer pk_..." is refused (401 OAUTH_019) and a missing header is 400 OAUTH_017.
//
// GET /__fake/requests lists every request received (method, path, authorization);
// DELETE /__fake/requests clears it. POST /__fake/revoke with a token as the body revokes it from
// then on, as regenerating a token in ClickUp does. Listens on FAKE_CLICKUP_PORT (default 4010), 127.0.0.1 only.
import http from "node:http";

const port = Number(process.env.FAKE_CLICKUP_PORT ?? 4010);
const slowDelayMs = Number(process.env.FAKE_CLICKUP_DELAY_MS ?? 1500);
const received = [];
const revoked = new Set();

function sendJson(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

function userFor(token) {
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
  if (token.startsWith("Bearer ")) return sendJson(res, 401, { err: "Oauth token not found", ECODE: "OAUTH_019" });
  if (token.startsWith("pk_silent_")) return; // hold the connection open; the app must time out
  if (token.startsWith("pk_revoked_") || revoked.has(token))
    return sendJson(res, 401, { err: "Token invalid", ECODE: "OAUTH_025" });
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
  const known = ["pk_good_", "pk_other_", "pk_slow_"].some((prefix) => token.startsWith(prefix));
  if (!known) return sendJson(res, 401, { err: "Token invalid", ECODE: "OAUTH_025" });

  const respond = () => {
    const user = userFor(token);
    if (req.url === "/api/v2/user") return sendJson(res, 200, { user });
    if (req.url === "/api/v2/team") {
      return sendJson(res, 200, {
        teams: [
          { id: "9001", name: "Analytics Workspace", color: "#7b68ee", avatar: null, members: [{ user }] },
          { id: "9002", name: "Marketing Workspace", color: "#ff5722", avatar: null, members: [{ user }] },
        ],
      });
    }
    sendJson(res, 404, { err: "Route not found", ECODE: "APP_001" });
  };
  if (token.startsWith("pk_slow_")) setTimeout(respond, slowDelayMs);
  else respond();
}

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
  if (req.url === "/__fake/health") return sendJson(res, 200, { ok: true });
  const authorization = req.headers.authorization;
  received.push({
    method: req.method,
    path: req.url,
    authorization: authorization ?? null,
    at: new Date().toISOString(),
  });
  answerClickUp(req, res, authorization);
});

server.listen(port, "127.0.0.1", () => console.log(`[fake-clickup] listening on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
