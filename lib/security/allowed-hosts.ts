import { HOST_NAME, type Env } from "@/lib/config/env";

/**
 * Answered to a browser on this machine (and only to one: lib/security/request-guards.ts). Any
 * port: ports do not matter to DNS rebinding.
 */
const LOOPBACK_HOST_NAMES = ["localhost", "127.0.0.1", "[::1]"];

export const isLoopbackHostName = (name: string) => LOOPBACK_HOST_NAMES.includes(name);

/**
 * The host names this app answers for: loopback, APP_URL's host, and ALLOWED_HOSTS. A page on a
 * name of an attacker's, rebound by DNS to this server's address, would otherwise read our answers
 * as its own origin's.
 */
export function allowedHostNames(env: Pick<Env, "APP_URL" | "ALLOWED_HOSTS">): string[] {
  const names = new Set(LOOPBACK_HOST_NAMES);
  if (env.APP_URL) names.add(new URL(env.APP_URL).hostname);
  for (const name of env.ALLOWED_HOSTS) names.add(name);
  return [...names];
}

/** The name in a Host header value ("name", "name:port", "[v6]:port"), lower-cased; undefined if malformed. */
export function hostNameOf(host: string | null | undefined): string | undefined {
  const match = /^(\[[^\]]*\]|[^:[\]]*)(?::\d{1,5})?$/.exec(host?.trim() ?? "");
  const name = match?.[1].toLowerCase();
  return name && HOST_NAME.test(name) ? name : undefined;
}
