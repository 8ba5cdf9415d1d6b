// The security headers, in one place: next.config.ts sets the static ones on every response it
// makes, proxy.ts sets the Content-Security-Policy on pages and every header on the refusals it
// answers itself (those never reach Next.js's header rules). No imports: next.config.ts loads it.

/** Headers every response carries. */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
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
export function pageContentSecurityPolicy(nonce: string, development: boolean): string {
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
