import { NextResponse, type NextRequest } from "next/server";

import { apiRefusal } from "@/lib/api/refusal";
import {
  isApiPath,
  refuseForeignOrigin,
  refuseMalformedPath,
  refuseUnknownHost,
  refuseUnreadableBody,
} from "@/lib/security/request-guards";
import { pageContentSecurityPolicy } from "@/lib/security/security-headers.mjs";

/**
 * Runs before every request, static files included (no matcher: an unknown host name must get no
 * answer at all, and a prefetch must get the same policy as the page it fetches). First the
 * refusals (lib/security/request-guards.ts; problem+json under /api/v1), then a
 * Content-Security-Policy with a fresh nonce.
 */
export async function proxy(request: NextRequest) {
  const refused =
    refuseUnknownHost(request) ??
    refuseMalformedPath(request) ??
    refuseForeignOrigin(request) ??
    (await refuseUnreadableBody(request));
  // Under /api/v1 every answer is problem+json, the guards' own included.
  if (refused) return isApiPath(request.nextUrl.pathname) ? await apiRefusal(refused) : refused;

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pageContentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // Lets a page that needs sign-in send the person back here afterwards (lib/auth/session.ts).
  requestHeaders.set("x-request-path", `${request.nextUrl.pathname}${request.nextUrl.search}`);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}
