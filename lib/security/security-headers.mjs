// The security headers, in one place: `npm start`'s server (server/front-door.mjs) puts the static
// ones and the refusal policy on every response before Next.js sees the request, so that even
// answers Next.js makes on its own (its path-normalising redirects) carry them; next.config.ts sets
// the static ones again on everything Next.js answers, and proxy.ts sets a page's policy (with its
// nonce) and every header on the refusals it answers itself. Plain JavaScript with no imports: the
// server runs it without a build (types in security-headers.d.mts).

/** Headers every response carries. */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Never our URLs to other sites. Not "no-referrer": under it a browser sends `Origin: null` with
  // a form posted without JavaScript, which then fails the same-origin check on server actions.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // A private tool: no page of it belongs in a search engine (public/robots.txt asks the same).
  { key: "X-Robots-Tag", value: "noindex, nofollow" },
];

/**
 * A page's policy: only our own origin, with a fresh nonce for the inline scripts Next.js streams
 * (Next reads the nonce from the request's CSP header and puts it on its own scripts).
 */
export function pageContentSecurityPolicy(nonce, development) {
  return [
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
}

/** A plain-text refusal loads nothing and may be framed by nobody. */
export const REFUSAL_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";
