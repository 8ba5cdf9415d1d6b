import "server-only";

import {
  DATABASE_START_TIMEOUT_MS,
  DATABASE_URL_FORMS,
  DEFAULT_DATABASE_URL,
  isDatabaseUrl,
} from "@/lib/config/startup-rules.mjs";
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

interface WholeNumberBounds {
  min: number;
  max: number;
  default: number;
  unit?: "ms";
  /** What 0 means, when 0 is allowed: the lower bound then reads "must be 0 (…) or more". */
  zeroMeans?: string;
  /** Said after the upper bound, e.g. "one hour". */
  maxNote?: string;
}

/**
 * An optional whole number from min to max, `default` when unset or empty. Every such variable
 * words its bounds the same way: "must be at least 100 (ms)", "must be at most 10".
 */
function wholeNumber({ min, max, default: fallback, unit, zeroMeans, maxNote }: WholeNumberBounds) {
  const aside = (...notes: (string | undefined)[]) => {
    const said = notes.filter(Boolean).join(", ");
    return said ? ` (${said})` : "";
  };
  return z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ message: unit ? "must be a whole number of milliseconds" : "must be a whole number" })
      .int()
      .min(min, zeroMeans ? `must be 0 (${zeroMeans}) or more` : `must be at least ${min}${aside(unit)}`)
      .max(max, `must be at most ${max}${aside(unit, maxNote)}`)
      .default(fallback),
  );
}

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .trim()
      .default(DEFAULT_DATABASE_URL)
      .refine(isDatabaseUrl, { message: DATABASE_URL_FORMS })
      .transform((url) => url || DEFAULT_DATABASE_URL),
    CLICKUP_API_BASE_URL: z.preprocess(
      unsetIfEmpty,
      z
        .url({ protocol: /^https?$/, message: "must be an http(s) URL such as https://api.clickup.com" })
        .default("https://api.clickup.com")
        .transform((url) => url.replace(/\/+$/, "")),
    ),
    /**
     * ClickUp OAuth app (README "Connecting with OAuth"): both set, or neither. With both, the Add New
     * Credential overlay offers OAuth beside the API key.
     */
    CLICKUP_OAUTH_CLIENT_ID: z.preprocess(unsetIfEmpty, z.string().trim().min(1).optional()),
    CLICKUP_OAUTH_CLIENT_SECRET: z.preprocess(unsetIfEmpty, z.string().trim().min(1).optional()),
    /** Where ClickUp's web app is; the person authorises an OAuth app at `${CLICKUP_APP_BASE_URL}/api`. */
    CLICKUP_APP_BASE_URL: z.preprocess(
      unsetIfEmpty,
      z
        .url({ protocol: /^https?$/, message: "must be an http(s) URL such as https://app.clickup.com" })
        .default("https://app.clickup.com")
        .transform((url) => url.replace(/\/+$/, "")),
    ),
    /**
     * A person waits on Save (and Verify now, and the Workspace list) for this long: past 30 s they
     * give up or click again, so a longer bound only keeps a request and its connection busy.
     */
    CLICKUP_TIMEOUT_MS: wholeNumber({ min: 100, max: 30_000, default: 10_000, unit: "ms" }),
    /**
     * How often each credential's token is checked with its connector on a schedule (the watch,
     * lib/credential-watch/), in seconds. Down to 5, for tests; an hour by default, which costs two
     * ClickUp calls per credential an hour.
     */
    CREDENTIAL_CHECK_INTERVAL_SECONDS: wholeNumber({ min: 5, max: 7 * 24 * 3600, default: 3600, maxNote: "one week" }),
    /** How many scheduled checks all instances together start per minute. */
    CREDENTIAL_CHECKS_PER_MINUTE: wholeNumber({ min: 1, max: 100_000, default: 60 }),
    /**
     * How long a call to ClickUp may wait for room in its token's rate budget (lib/clickup-budget/)
     * before it is refused with Retry-After. Up to a minute: by then a full budget has room again.
     */
    CLICKUP_PROXY_MAX_WAIT_MS: wholeNumber({
      min: 0,
      max: 60_000,
      default: 10_000,
      unit: "ms",
      zeroMeans: "never wait",
    }),
    /**
     * How long one webhook delivery may take, answer included (lib/webhooks/send-webhook.ts). Past
     * it the attempt counts as failed and is tried again; a receiver should answer at once and do
     * its work afterwards, as the Standard Webhooks specification advises.
     */
    WEBHOOK_TIMEOUT_MS: wholeNumber({ min: 100, max: 60_000, default: 10_000, unit: "ms" }),
    /** How many times one client may have a token checked with a connector per minute. */
    TOKEN_CHECKS_PER_MINUTE: wholeNumber({ min: 1, max: 100_000, default: 10 }),
    /**
     * How many password hashes (scrypt, 32 MiB each) one process runs at once; sign-ins past it are
     * told the server is busy instead of queueing (lib/auth/hashing-slots.ts). The default, 2, is
     * half of libuv's thread pool (4 threads whatever the core count), which scrypt runs on and
     * which also compresses every response: a full pool delays every request.
     */
    PASSWORD_HASHES_IN_FLIGHT: wholeNumber({ min: 1, max: 10_000, default: 2 }),
    /**
     * How long one database statement or transaction may wait for the database — a lock another
     * program holds on the SQLite file, or a free connection on PostgreSQL — before the action
     * answers "the database is busy". The wait is asynchronous: other requests are served meanwhile.
     */
    DATABASE_BUSY_TIMEOUT_MS: wholeNumber({
      min: 0,
      max: 120_000,
      default: 5_000,
      unit: "ms",
      zeroMeans: "do not wait",
    }),
    /**
     * How long `npm start` keeps retrying a database it cannot use (locked, unreachable, refusing
     * the sign-in) before giving up. Read by server/start.mjs, which runs before the app and checks
     * it with the same bounds (lib/config/startup-rules.mjs); listed here so the app's own check
     * refuses a bad value too.
     */
    DATABASE_START_TIMEOUT_MS: wholeNumber({
      ...DATABASE_START_TIMEOUT_MS,
      unit: "ms",
      zeroMeans: "do not retry",
      maxNote: "one hour",
    }),
    /**
     * How many token checks one person may make per minute, whatever client address they come from:
     * an address can be many people (one office) or, misconfigured, chosen by the client.
     */
    TOKEN_CHECKS_PER_PERSON_PER_MINUTE: wholeNumber({ min: 1, max: 100_000, default: 30 }),
    /**
     * How many reverse proxies in front of the app append to X-Forwarded-For. 0: none, so that header
     * is the client's own words and the socket's peer address is the client (lib/security/client-address.ts).
     */
    TRUSTED_PROXY_COUNT: wholeNumber({ min: 0, max: 10, default: 0, zeroMeans: "no proxy in front" }),
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
    /**
     * Email alerts (lib/alerts/send-email.ts): the SMTP server, e.g. smtp://user:pass@host:587
     * (smtps:// for TLS from the first byte), and the sender. Both set, or neither: unset, no email
     * is planned. The URL holds a password, so no message ever echoes it.
     */
    SMTP_URL: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .trim()
        .refine((url) => /^smtps?:\/\/[^/?#\s]+/i.test(url) && URL.canParse(url), {
          message: "must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.com:587",
        })
        .optional(),
    ),
    SMTP_FROM: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .trim()
        // "alerts@example.com" or "Credentials <alerts@example.com>"; the mailer checks the rest.
        .regex(/^(?:[^<>@]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/, {
          message: "must be an email address, e.g. alerts@example.com or Credentials <alerts@example.com>",
        })
        .optional(),
    ),
    /** `keyId:base64key[,keyId:base64key…]`; the first key seals new secrets. See lib/crypto/key-ring.ts. */
    CREDENTIAL_ENCRYPTION_KEYS: z.string().trim().optional(),
    /**
     * Signs backup manifests (`npm run db:backup`), and `npm run db:restore` then refuses a backup
     * that is unsigned or signed otherwise (lib/backup/signature.ts). Unset: not signed, and the
     * checksums only detect damage. A secret of its own, kept apart from the backups it guards.
     */
    BACKUP_SIGNING_KEY: z.preprocess(
      unsetIfEmpty,
      z
        .string()
        .trim()
        .min(32, "must be at least 32 characters (e.g. openssl rand -base64 32), kept apart from the backups")
        .optional(),
    ),
    /**
     * Signs session cookies. Optional: derived from the active encryption key when unset (so
     * rotating that key signs everyone out). At least 32 characters.
     */
    AUTH_SECRET: z.preprocess(
      unsetIfEmpty,
      z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
    ),
  })
  .superRefine((env, context) => {
    const id = env.CLICKUP_OAUTH_CLIENT_ID;
    const secret = env.CLICKUP_OAUTH_CLIENT_SECRET;
    if (id && !secret)
      context.addIssue({
        code: "custom",
        path: ["CLICKUP_OAUTH_CLIENT_SECRET"],
        message: "must be set with CLICKUP_OAUTH_CLIENT_ID (set both to offer OAuth, or neither)",
      });
    if (secret && !id)
      context.addIssue({
        code: "custom",
        path: ["CLICKUP_OAUTH_CLIENT_ID"],
        message: "must be set with CLICKUP_OAUTH_CLIENT_SECRET (set both to offer OAuth, or neither)",
      });
    if (env.SMTP_URL && !env.SMTP_FROM)
      context.addIssue({
        code: "custom",
        path: ["SMTP_FROM"],
        message: "must be set with SMTP_URL: the sender of email alerts (set both to send email, or neither)",
      });
    if (env.SMTP_FROM && !env.SMTP_URL)
      context.addIssue({
        code: "custom",
        path: ["SMTP_URL"],
        message: "must be set with SMTP_FROM: the SMTP server of email alerts (set both to send email, or neither)",
      });
    if ((id || secret) && !env.APP_URL)
      context.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message:
          "must be set when CLICKUP_OAUTH_CLIENT_ID is: the OAuth redirect URL is APP_URL + /oauth/clickup/callback",
      });
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
