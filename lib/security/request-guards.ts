import { NextResponse, type NextRequest } from "next/server";

import { getEnv } from "@/lib/config/env";

import { allowedHostNames, hostNameOf, isLoopbackHostName } from "./allowed-hosts";
import { nestingDepth } from "./json-nesting";
import { noteJunkRequest } from "./junk-log.mjs";
import { fromLoopback } from "./loopback-client";
import { loopbackNameLogLine, REFUSAL_MESSAGES, unknownHostLogLine } from "./messages";
import { readAtMost } from "./read-at-most";
import { REFUSAL_CONTENT_SECURITY_POLICY, STATIC_SECURITY_HEADERS } from "./security-headers.mjs";

// Checks proxy.ts runs before any page or server action sees a request. Each answers a clean,
// plain-text 4xx carrying every security header, or undefined to let the request through; under
// /api/v1 proxy.ts turns that refusal into the API's problem+json (lib/api/refusal.ts).

/** Matches serverActions.bodySizeLimit in next.config.ts (Next itself answers 500 over it). */
export const MAX_ACTION_BODY_BYTES = 32 * 1024;
/**
 * Real forms nest two or three levels, and React's decoder overflows its stack at a few thousand;
 * between the two, deep values are refused as data by each action's schema (e2e/http-fuzz.spec.ts
 * sends some 40 levels deep).
 */
const MAX_BODY_NESTING = 64;

export function refusal(status: number, message: string): NextResponse {
  const response = new NextResponse(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  response.headers.set("Content-Security-Policy", REFUSAL_CONTENT_SECURITY_POLICY);
  return response;
}

/** Anything under /api/v1: its answers are problem+json, whichever part of the app makes them. */
export function isApiPath(path: string): boolean {
  return path === "/api/v1" || path.startsWith("/api/v1/");
}

let allowedNames: string[] | undefined;

/**
 * DNS rebinding: answer only for configured host names — in the Host header and in
 * X-Forwarded-Host, which Next.js prefers when it builds its own origin. The loopback names are
 * answered only to a client on this machine (lib/security/loopback-client.ts): from anywhere else
 * "localhost" is a lie that would reach what is meant for this machine alone (first-run setup
 * without its setup code). Where the client cannot be known (`next dev`), they are answered.
 */
export function refuseUnknownHost(request: NextRequest): NextResponse | undefined {
  allowedNames ??= allowedHostNames(getEnv());
  const forwarded = request.headers.get("x-forwarded-host")?.split(",") ?? [];
  for (const host of [request.headers.get("host") ?? "", ...forwarded]) {
    const name = hostNameOf(host);
    if (name && allowedNames.includes(name) && !isLoopbackHostName(name)) continue;
    if (name && isLoopbackHostName(name) && fromLoopback(request.headers) !== false) continue;
    noteJunkRequest(
      "unknown host",
      name && isLoopbackHostName(name)
        ? loopbackNameLogLine(host.trim())
        : unknownHostLogLine(host.trim(), allowedNames),
    );
    return refusal(421, REFUSAL_MESSAGES.unknownHost);
  }
  return undefined;
}

/** A path Next.js cannot decode makes its router throw, answered with a bare 500. */
export function refuseMalformedPath(request: NextRequest): NextResponse | undefined {
  try {
    decodeURIComponent(request.nextUrl.pathname);
    return undefined;
  } catch {
    return refusal(400, REFUSAL_MESSAGES.malformedUrl);
  }
}

/**
 * A call to the REST API (/api/v1): authenticated by its Bearer API key alone, never a cookie, so
 * another site cannot make a browser act for anyone through it (no CSRF) and the Origin rule below
 * does not apply; the API reads and limits its own bodies, answering problem+json
 * (lib/api/body.ts). Every /api/v1 path is one of the API's route handlers (app/api/v1/[[...path]]
 * answers the unknown ones), and a route handler never runs a server action. But a POST shaped
 * like one is no API call whatever its path — Next.js ran actions posted to /api/v1/nope when that
 * was its not-found page — so every guard applies to it; except on the ClickUp proxy's paths.
 */
export function isApiRequest(request: NextRequest): boolean {
  const path = request.nextUrl.pathname;
  return isApiPath(path) && (isClickUpProxyPath(path) || !looksLikeServerAction(request));
}

/**
 * The ClickUp proxy's paths (DESIGN.md: /api/v1/credentials/{id}/clickup/{path}, the same for
 * sources and destinations): their bodies are ClickUp's, whatever they look like, so never an action.
 */
export function isClickUpProxyPath(path: string): boolean {
  return /^\/api\/v1\/(?:credentials|sources|destinations)\/[^/]+\/clickup(?:\/|$)/.test(path);
}

/**
 * A POST Next.js would hand to its server-action handler on a page: one with a Next-Action header
 * (sent by script), or a form's post, multipart or urlencoded (a no-JavaScript form names its
 * action in $ACTION_ fields). The same tests Next.js makes, case and parameters aside.
 */
function looksLikeServerAction(request: NextRequest): boolean {
  if (request.method !== "POST") return false;
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  return (
    request.headers.has("next-action") ||
    mediaType === "multipart/form-data" ||
    mediaType === "application/x-www-form-urlencoded"
  );
}

/**
 * Every POST outside the API is a server action. Next.js lets one without an Origin through (with a warning) and
 * answers a foreign one with a 500; refuse both, comparing as Next does: the Origin's host against
 * X-Forwarded-Host, else Host (both already known to be ours).
 */
export function refuseForeignOrigin(request: NextRequest): NextResponse | undefined {
  if (request.method !== "POST" || isApiRequest(request)) return undefined;
  const origin = request.headers.get("origin");
  const ownHost = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  if (origin && ownHost && sameHost(origin, ownHost)) return undefined;
  return refusal(403, REFUSAL_MESSAGES.foreignOrigin);
}

function sameHost(origin: string, host: string): boolean {
  try {
    const { protocol, host: originHost } = new URL(origin);
    // The Host header may spell out the scheme's default port; the Origin never does.
    return originHost === new URL(`${protocol}//${host}`).host;
  } catch {
    return false; // "null" (an opaque origin) or garbage
  }
}

/**
 * Reads a POST body, at most MAX_ACTION_BODY_BYTES of it whatever Content-Length claims, and
 * refuses one that is larger, nests too deeply for React's decoder, or — for a server action
 * called from script, whose body is JSON — is not JSON at all (React's decoder throws, and Next.js
 * answers 500). Next.js hands the proxy a copy of the body: the page still gets it.
 */
export async function refuseUnreadableBody(request: NextRequest): Promise<NextResponse | undefined> {
  if (request.method !== "POST" || isApiRequest(request)) return undefined;
  if (Number(request.headers.get("content-length")) > MAX_ACTION_BODY_BYTES)
    return refusal(413, REFUSAL_MESSAGES.bodyTooLarge);
  const body = await readAtMost(request, MAX_ACTION_BODY_BYTES);
  if (body === undefined) return refusal(413, REFUSAL_MESSAGES.bodyTooLarge);
  const contentType = request.headers.get("content-type") ?? "";
  // A form posted as FormData is multipart: each part is decoded on its own, so scan each.
  if (/^multipart\/form-data/i.test(contentType)) {
    const parts = await multipartTexts(body, contentType);
    return parts.every(isShallow) ? undefined : refusal(400, REFUSAL_MESSAGES.tooDeeplyNested);
  }
  const text = new TextDecoder().decode(body);
  if (!isShallow(text)) return refusal(400, REFUSAL_MESSAGES.tooDeeplyNested);
  if (request.headers.has("next-action") && !isJson(text)) return refusal(400, REFUSAL_MESSAGES.notJson);
  return undefined;
}

const isShallow = (text: string) => nestingDepth(text, MAX_BODY_NESTING) <= MAX_BODY_NESTING;

/** Safe to parse: isShallow already bounded how deep it nests. */
function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The text parts of a multipart body; none when it does not parse (Next.js then refuses it itself). */
async function multipartTexts(body: Uint8Array<ArrayBuffer>, contentType: string): Promise<string[]> {
  try {
    const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
    return [...form.values()].filter((value): value is string => typeof value === "string");
  } catch {
    return [];
  }
}
