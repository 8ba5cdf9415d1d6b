import "server-only";

import { DEFAULT_DATABASE_URL } from "@/lib/config/database-url";
import { z } from "@/lib/zod";

/**
 * Every environment variable the app reads, parsed once. Nothing else reads process.env, so this
 * file (with README.md and .env.example) is the whole list.
 */
// An empty variable (`NAME=` in .env) means "not set": use the default rather than fail on "".
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** A DNS name, an IPv4 address, or an IPv6 address in brackets; no port. */
export const HOST_NAME =
  /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)$/;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((url) => url === "" || url.startsWith("file:") || /^postgres(ql)?:\/\/[^/]+\/[^/?]+/i.test(url), {
      message: `must be a SQLite "file:" URL such as ${DEFAULT_DATABASE_URL}, or postgresql://user:password@host:port/database`,
    })
    .transform((url) => url || DEFAULT_DATABASE_URL),
  CLICKUP_API_BASE_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/, message: "must be an http(s) URL such as https://api.clickup.com" })
      .default("https://api.clickup.com")
      .transform((url) => url.replace(/\/+$/, "")),
  ),
  /**
   * A person waits on Save (and Verify now, and the Workspace list) for this long: past 30 s they
   * give up or click again, so a longer bound only keeps a request and its connection busy.
   */
  CLICKUP_TIMEOUT_MS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: "must be a whole number of milliseconds" })
      .int()
      .min(100, "must be at least 100 (ms)")
      .max(30_000, "must be at most 30000 (ms)")
      .default(10_000),
  ),
  /** How many times one client may have a token checked with a connector per minute. */
  TOKEN_CHECKS_PER_MINUTE: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: "must be a whole number" })
      .int()
      .min(1, "must be at least 1")
      .max(100_000, "must be at most 100000")
      .default(10),
  ),
  /**
   * How many password hashes (scrypt, 32 MiB each) one process runs at once; sign-ins past it are
   * told the server is busy instead of queueing (lib/auth/hashing-slots.ts). The default, 2, is
   * half of libuv's thread pool (4 threads whatever the core count), which scrypt runs on and
   * which also compresses every response: a full pool delays every request.
   */
  PASSWORD_HASHES_IN_FLIGHT: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: "must be a whole number" })
      .int()
      .min(1, "must be at least 1")
      .max(10_000, "must be at most 10000")
      .default(2),
  ),
  /**
   * How long one database statement or transaction may wait for the database — a lock another
   * program holds on the SQLite file, or a free connection on PostgreSQL — before the action
   * answers "the database is busy". The wait is asynchronous: other requests are served meanwhile.
   */
  DATABASE_BUSY_TIMEOUT_MS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: "must be a whole number of milliseconds" })
      .int()
      .min(0, "must be 0 (do not wait) or more")
      .max(120_000, "must be at most 120000 (ms)")
      .default(5_000),
  ),
  /**
   * How long `npm start` keeps retrying a database it cannot use (locked, unreachable, refusing
   * the sign-in) before giving up. Read by scripts/start.mjs, which runs before the app and checks
   * it the same way; listed here so the app's own check refuses a bad value too.
   */
  DATABASE_START_TIMEOUT_MS: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: "must be a whole number of milliseconds" })
      .int()
      .min(0, "must be 0 (do not retry) or more")
      .max(3_600_000, "must be at most 3600000 (ms, one hour)")
      .default(60_000),
  ),
  /**
   * How many token checks one person may make per minute, whatever client address they come from:
   * an address can be many people (one office) or, misconfigured, chosen by the client.
   */
  TOKEN_CHECKS_PER_PERSON_PER_MINUTE: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: "must be a whole number" })
      .int()
      .min(1, "must be at least 1")
      .max(100_000, "must be at most 100000")
      .default(30),
  ),
  /**
   * How many reverse proxies in front of the app append to X-Forwarded-For. 0: none, so that header
   * is the client's own words and the socket's peer address is the client (lib/security/client-address.ts).
   */
  TRUSTED_PROXY_COUNT: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: "must be a whole number" })
      .int()
      .min(0, "must be 0 (no proxy in front) or more")
      .max(10, "must be at most 10")
      .default(0),
  ),
  /** The app's public address, e.g. https://credentials.example.com: its host name is allowed. */
  APP_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({
        protocol: /^https?$/,
        message: "must be an http(s) URL such as https://credentials.example.com",
        abort: true,
      })
      .refine((url) => /^https?:\/\/[^/?#@]+\/?$/i.test(url), {
        message:
          "must be the app's public origin only, such as https://credentials.example.com (no path, query or user)",
      })
      .transform((url) => new URL(url).origin)
      .optional(),
  ),
  /** More host names the app answers for, besides loopback and APP_URL's: "a.example,b.example". */
  ALLOWED_HOSTS: z.preprocess(
    unsetIfEmpty,
    z
      .string()
      .transform((list) =>
        list
          .split(",")
          .map((entry) => entry.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine((names) => names.every((name) => HOST_NAME.test(name)), {
        message:
          "must be host names separated by commas, without scheme or port, such as credentials.example.com,10.0.0.5 (any port is accepted)",
      })
      .default([]),
  ),
  /** `keyId:base64key[,keyId:base64key…]`; the first key seals new secrets. See lib/crypto/key-ring.ts. */
  CREDENTIAL_ENCRYPTION_KEYS: z.string().trim().optional(),
  /**
   * Signs session cookies. Optional: derived from the active encryption key when unset (so
   * rotating that key signs everyone out). At least 32 characters.
   */
  AUTH_SECRET: z.preprocess(
    unsetIfEmpty,
    z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
  ),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigurationError extends Error {
  override name = "ConfigurationError";
}

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigurationError(`Invalid environment configuration:\n${problems.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}
