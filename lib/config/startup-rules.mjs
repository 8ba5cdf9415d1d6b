// The start-up rules that `npm start`'s server (server/*.mjs) and the app (lib/) both apply: where
// the database is, what may be read from DATABASE_URL and DATABASE_START_TIMEOUT_MS, who may read
// the data folder, and how the server hands the app each request's peer address. The server runs
// before any build, with Node alone, so this is plain JavaScript; the app imports the same file
// (its types are in startup-rules.d.mts), so the two cannot drift apart.
import fs from "node:fs";
import path from "node:path";

/** The embedded default: one SQLite file under ./data/. */
export const DEFAULT_DATABASE_URL = "file:./data/app.db";

/** What DATABASE_URL may be, said after the variable's name when it is something else. */
export const DATABASE_URL_FORMS = `must be a SQLite "file:" URL such as ${DEFAULT_DATABASE_URL}, or postgresql://user:password@host:port/database`;

/** Unset or empty (the embedded default), a `file:` URL, or a PostgreSQL URL naming a host and a database. */
export function isDatabaseUrl(databaseUrl) {
  const url = databaseUrl?.trim() ?? "";
  return url === "" || url.startsWith("file:") || /^postgres(ql)?:\/\/[^/]+\/[^/?]+/i.test(url);
}

/** `postgres://` or `postgresql://` selects PostgreSQL; `file:` (or nothing) the embedded SQLite file. */
export function databaseKind(databaseUrl) {
  return /^postgres(ql)?:\/\//i.test(databaseUrl?.trim() ?? "") ? "postgresql" : "sqlite";
}

/**
 * The absolute path of the SQLite file DATABASE_URL (unset, `file:relative`, or `file:/absolute`)
 * names. Relative paths are taken from the project root (the process's working directory), like
 * Prisma does for `file:` URLs.
 */
export function sqliteFilePath(databaseUrl) {
  const url = databaseUrl?.trim() || DEFAULT_DATABASE_URL;
  if (!url.startsWith("file:")) {
    throw new Error(
      `DATABASE_URL must be a SQLite "file:" URL (for example ${DEFAULT_DATABASE_URL}) or a postgresql:// URL; got one starting "${url.slice(0, 12)}".`,
    );
  }
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), url.slice("file:".length));
}

// The embedded database holds names, emails, Activity and the sealed tokens, beside the encryption
// key file: its folder and files are for the account the app runs as, nobody else.
export const OWNER_ONLY_FOLDER = 0o700;
export const OWNER_ONLY_FILE = 0o600;

/** sqliteFilePath(), after making sure the file's folder exists (created owner-only). */
export function resolveSqlitePath(databaseUrl) {
  const filePath = sqliteFilePath(databaseUrl);
  fs.mkdirSync(path.dirname(filePath), { recursive: true, mode: OWNER_ONLY_FOLDER });
  return filePath;
}

/**
 * A PostgreSQL URL as separate connection fields. The migration adapter is given these rather
 * than the URL (its URL form is what fails offline).
 */
export function postgresConnectionFields(databaseUrl) {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? undefined;
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: decodeURIComponent(url.pathname.replace(/^\//, "")),
    ...(schema ? { schema } : {}),
  };
}

/**
 * How long `npm start` keeps retrying a database it cannot use (locked, unreachable, refusing the
 * sign-in) before giving up, in milliseconds. 0: do not retry.
 */
export const DATABASE_START_TIMEOUT_MS = { min: 0, max: 3_600_000, default: 60_000 };

/**
 * The request header the server writes each connection's peer address into, replacing whatever a
 * client sent under that name (lib/security/peer-address.ts says why).
 */
export const PEER_ADDRESS_HEADER = "x-app-peer-address";

/**
 * Set to true on globalThis by a server that writes PEER_ADDRESS_HEADER. A global, because the
 * server and the app's bundles share no module instance.
 */
export const SERVER_SETS_PEER_ADDRESS = Symbol.for("clickup-credentials.server-sets-peer-address");
