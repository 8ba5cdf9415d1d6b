import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeClickUp {
  baseUrl: string;
  /** Every request received: path and the Authorization header exactly as sent. */
  requests: { path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A loopback stand-in for ClickUp's `GET /api/v2/user`, behaving like e2e/support/fake-clickup.mjs:
 * pk_good_* → 200 (Ada), pk_other_* → 200 (Grace), pk_revoked_* and anything else → 401 OAUTH_025,
 * pk_ratelimited_* → 429 with X-RateLimit-Reset 42 s ahead, "Bearer …" → 401 OAUTH_019.
 */
export function startFakeClickUp(): Promise<FakeClickUp> {
  const requests: FakeClickUp["requests"] = [];
  const server = http.createServer((req, res) => {
    const token = req.headers.authorization;
    requests.push({ path: req.url ?? "", authorization: token });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (!token) return send(400, { err: "Authorization header required", ECODE: "OAUTH_017" });
    if (token.startsWith("Bearer ")) return send(401, { err: "Oauth token not found", ECODE: "OAUTH_019" });
    if (token.startsWith("pk_ratelimited_")) {
      const reset = String(Math.floor(Date.now() / 1000) + 42);
      return send(429, { err: "Rate limit reached", ECODE: "APP_002" }, { "x-ratelimit-reset": reset });
    }
    const other = token.startsWith("pk_other_");
    if (req.url !== "/api/v2/user" || !(other || token.startsWith("pk_good_"))) {
      return send(401, { err: "Token invalid", ECODE: "OAUTH_025" });
    }
    send(200, {
      user: other
        ? { id: 2002, username: "Grace Hopper", email: "grace@example.test" }
        : { id: 1001, username: "Ada Lovelace", email: "ada@example.test" },
    });
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        close: () => {
          server.closeAllConnections();
          return new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}
