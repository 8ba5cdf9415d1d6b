// What `npm start`'s server does with each request before Next.js sees it (server/start.mjs): the
// things only the server can do, because Next.js answers some requests before any code of ours
// (proxy.ts) runs, or reads headers we must first make trustworthy.
import { STATUS_CODES } from "node:http";

import { PEER_ADDRESS_HEADER } from "../lib/config/startup-rules.mjs";
import { noteJunkRequest } from "../lib/security/junk-log.mjs";
import { REFUSAL_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "../lib/security/security-headers.mjs";

/** The methods the app answers: pages (GET, HEAD), server actions (POST) and the REST API. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * How many proxies in front of the app add X-Forwarded-* headers, as lib/config/env.ts reads
 * TRUSTED_PROXY_COUNT. Anything but a whole number from 1 to 10 counts as none here (the app itself
 * refuses to start on a malformed value): the safe reading.
 */
export function trustedProxyCount(text) {
  const value = Number(text?.trim() || "0");
  return Number.isInteger(value) && value >= 1 && value <= 10 ? value : 0;
}

/**
 * Prepares `request` for Next.js, or answers it and returns true. In order:
 * - every response starts with the security headers (and a policy that loads nothing, which a
 *   page's own policy replaces): Next.js's own redirects and errors carry them too;
 * - the peer address is written where the app reads it (lib/security/peer-address.ts);
 * - without a trusted proxy, every X-Forwarded-* (and Forwarded) header is the client's own words:
 *   removed, so that Next.js and the app see only what the connection says (Next.js then fills
 *   X-Forwarded-Host and -Proto from the Host header and the socket);
 * - a method the app never answers gets 405 (Next.js answers TRACE with a bare 500 and a stack
 *   trace in the log);
 * - an absolute-form request line (`GET http://name/path`) names its host, which then counts as
 *   the Host header, as HTTP says (RFC 9112, 3.2.2), and is checked like one by proxy.ts; left as
 *   it is, Next.js redirected to it. Any other form that is not a path gets 400.
 */
export function frontDoor(request, response, { proxies }) {
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.setHeader(key, value);
  response.setHeader("Content-Security-Policy", REFUSAL_CONTENT_SECURITY_POLICY);

  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
  if (proxies === 0)
    for (const name of Object.keys(request.headers))
      if (name.startsWith("x-forwarded-") || name === "forwarded") delete request.headers[name];

  if (!ALLOWED_METHODS.includes(request.method ?? "")) {
    noteJunkRequest(
      "method not allowed",
      `[http] Refused a ${JSON.stringify(shorten(request.method ?? ""))} request: the app answers only ${ALLOWED_METHODS.join(", ")}.`,
    );
    refuse(
      request,
      response,
      405,
      "method-not-allowed",
      `This method is not supported. Use one of ${ALLOWED_METHODS.join(", ")}.`,
      {
        Allow: ALLOWED_METHODS.join(", "),
      },
    );
    return true;
  }

  const target = request.url ?? "";
  if (target.startsWith("/")) return false;
  const absolute = parseAbsoluteForm(target);
  if (absolute) {
    request.headers.host = absolute.host;
    request.url = `${absolute.pathname}${absolute.search}`;
    return false;
  }
  noteJunkRequest(
    "malformed request line",
    `[http] Refused a request for ${JSON.stringify(shorten(target))}: not a path.`,
  );
  refuse(request, response, 400, "malformed", "The request line must name a path, such as /sign-in.");
  return true;
}

function parseAbsoluteForm(target) {
  if (!/^https?:\/\//i.test(target)) return undefined;
  try {
    const url = new URL(target);
    return url.host ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Plain text, or under the REST API problem+json shaped as lib/api/problem.ts shapes it. */
function refuse(request, response, status, code, detail, headers = {}) {
  const api = /^\/api\/v1(\/|$|\?)/.test(request.url ?? "");
  const body = api
    ? JSON.stringify({ type: `/api/docs#problem-${code}`, title: STATUS_CODES[status], status, code, detail })
    : `${detail}\n`;
  response.writeHead(status, {
    ...headers,
    "Content-Type": api ? "application/problem+json" : "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(request.method === "HEAD" ? undefined : body);
}

const shorten = (text) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);

/**
 * A request Node.js cannot parse (an unknown method such as TRACK, a malformed header line, headers
 * too large): Node.js would answer a bare 400 itself (the server's 'clientError' event). The same
 * answer, with the security headers, and counted in the junk log.
 */
export function refuseUnparsable(error, socket) {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  noteJunkRequest(
    "unparsable request",
    `[http] Refused a request that is not well-formed HTTP (${error.code ?? "malformed"}).`,
  );
  const body = tooLarge ? "Request headers too large.\n" : "This request is not well-formed HTTP.\n";
  const headers = [
    ...STATIC_SECURITY_HEADERS.map(({ key, value }) => `${key}: ${value}`),
    `Content-Security-Policy: ${REFUSAL_CONTENT_SECURITY_POLICY}`,
    "Content-Type: text/plain; charset=utf-8",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
  ];
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  socket.end(`HTTP/1.1 ${status}\r\n${headers.join("\r\n")}\r\n\r\n${body}`);
}
