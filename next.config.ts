import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  experimental: {
    serverActions: {
      // A credential is a name (100), a description (500) and a token (a few dozen characters):
      // anything near this limit is not a real form, so refuse it before parsing.
      bodySizeLimit: "32kb",
    },
  },
};

export default nextConfig;
