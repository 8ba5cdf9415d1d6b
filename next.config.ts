import type { NextConfig } from "next";

import { STATIC_SECURITY_HEADERS } from "./lib/security/security-headers.mjs";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // The build checks the app's own types; tests and scripts are checked by `npm run typecheck`.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  // pg-boss and nodemailer (the delivery queue, lib/alerts/) are loaded as they ship, like pg.
  serverExternalPackages: ["better-sqlite3", "pg-boss", "nodemailer"],
  // Headers for every response, static files included; the CSP (with its per-request nonce) is
  // set in proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [...STATIC_SECURITY_HEADERS] }];
  },
  experimental: {
    // Load a route's code when it is first asked for, not every route's at start: the preload
    // ran beside the first request and made it wait (a fresh start answered its first page about
    // 130 ms later with it; each route's first answer costs 10-50 ms more without it). Start time
    // is what someone trying the app waits on (docs/performance.md §8).
    preloadEntriesOnStart: false,
    // What Next.js copies of a request body for proxy.ts, and hands on to the route: a body past it
    // reaches the route cut short without a sign. Above the ClickUp proxy's own cap
    // (CLICKUP_PROXY_MAX_BODY_BYTES, 10 MiB, lib/clickup-proxy/limits.ts) by more than a chunk, so a
    // longer body still reaches the route longer than that cap and is refused there, never sent on cut.
    proxyClientMaxBodySize: 11 * 1024 * 1024,
    serverActions: {
      // A credential is a name (100), a description (500) and a token (a few dozen characters):
      // anything near this limit is not a real form, so refuse it before parsing.
      bodySizeLimit: "32kb",
      // No allowedOrigins: an action is accepted only from the host it was posted to (proxy.ts
      // refuses any other Origin first), and that host is one of APP_URL, ALLOWED_HOSTS and
      // loopback, or proxy.ts refused the request already. One list, in lib/security/allowed-hosts.ts.
    },
  },
};

export default nextConfig;
