import { NextResponse, type NextRequest } from "next/server";

/**
 * Every page response gets a Content-Security-Policy that allows only our own origin, with a
 * fresh nonce for the inline scripts Next.js streams (Next reads the nonce from the request's
 * CSP header and puts it on its own scripts). Pages are rendered per request for this.
 */
// Matches serverActions.bodySizeLimit in next.config.ts; Next itself answers an oversized
// server-action body with a 500, so refuse it here first with the right status.
const MAX_ACTION_BODY_BYTES = 32 * 1024;

export function proxy(request: NextRequest) {
  if (request.method === "POST" && Number(request.headers.get("content-length")) > MAX_ACTION_BODY_BYTES) {
    return new NextResponse("Request body too large.", { status: 413, headers: { "content-type": "text/plain" } });
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const development = process.env.NODE_ENV === "development";
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Lets a page that needs sign-in send the person back here afterwards (lib/auth/session.ts).
  requestHeaders.set("x-request-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|icon.svg|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
