// Used by server/start.mjs before it migrates: can the database DATABASE_URL names be used right
// now, and if not, why — in words an operator can act on (never the password). Plain Node, since
// it runs before the app (and its TypeScript) is loaded; where the database is comes from
// lib/config/startup-rules.mjs, as in the app, and lib/db/errors.ts is the app's version of the
// troubles named here.
import fs from "node:fs";

import { databaseKind, postgresConnectionFields, sqliteFilePath } from "../lib/config/startup-rules.mjs";

const isPostgres = (url) => databaseKind(url) === "postgresql";

/** Where the database is, for messages: the SQLite file, or PostgreSQL's host, port, database and user. */
function describeDatabase(url) {
  if (!isPostgres(url)) return `the SQLite file ${sqliteFilePath(url)}`;
  const { host, port, database, user } = postgresConnectionFields(url);
  return `PostgreSQL database "${database}" at ${host}:${port} (user ${user || "(none)"})`;
}

/**
 * Tries the database; resolves undefined when it can be used, else `{ kind, text }` with kind
 * "locked", "unreachable", "refused" (user or password), "missing" (no such database) or "other".
 */
export async function checkDatabase(url) {
  try {
    await (isPostgres(url) ? checkPostgres(url) : checkSqlite(url));
    return undefined;
  } catch (error) {
    return explain(error, url);
  }
}

async function checkSqlite(url) {
  const file = sqliteFilePath(url);
  if (!fs.existsSync(file)) return; // the first start: migrations create it
  const { default: Database } = await import("better-sqlite3");
  // No busy timeout: a held lock is reported at once, and the caller waits without blocking.
  const db = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    // Migrations write: the write lock must be free too.
    db.exec("BEGIN IMMEDIATE");
    db.exec("ROLLBACK");
  } finally {
    db.close();
  }
}

async function checkPostgres(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on("error", () => undefined); // a connection dropped after the check: the next check sees it
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Codes of an error and of the errors it wraps (a refused connection to "localhost" is one per address). */
function codesOf(error) {
  const codes = [];
  const visit = (value, depth) => {
    if (!value || typeof value !== "object" || depth > 4) return;
    if (typeof value.code === "string") codes.push(value.code);
    visit(value.cause, depth + 1);
    if (Array.isArray(value.errors)) value.errors.forEach((inner) => visit(inner, depth + 1));
  };
  visit(error, 0);
  return codes;
}

function explain(error, url) {
  const where = describeDatabase(url);
  const codes = codesOf(error);
  const has = (pattern) => codes.some((code) => pattern.test(code));
  const message = String(error?.message ?? error);
  if (has(/^SQLITE_(BUSY|LOCKED)/))
    return {
      kind: "locked",
      text: `${where} is locked by another program (a backup tool, or a sqlite3 shell with a transaction open?).`,
    };
  if (has(/^28(000|P01)$/))
    return { kind: "refused", text: `${where} refused the user name or password in DATABASE_URL.` };
  if (has(/^3D000$/)) return { kind: "missing", text: `${where} does not exist: create it, or correct DATABASE_URL.` };
  if (has(/^57P0[1-3]$/)) return { kind: "unreachable", text: `${where} is starting up or shutting down.` };
  if (has(/^E(CONNREFUSED|CONNRESET|TIMEDOUT|HOSTUNREACH|NETUNREACH|NOTFOUND|AI_AGAIN)$/) || /timeout/i.test(message))
    return { kind: "unreachable", text: `${where} cannot be reached (${codes[0] ?? "no answer"}): is it running?` };
  if (has(/^SQLITE_(CANTOPEN|READONLY|PERM|AUTH)/) || has(/^EACCES$/))
    return { kind: "unreachable", text: `${where} cannot be opened for writing (${codes[0]}): check its permissions.` };
  if (has(/^SQLITE_FULL$|^ENOSPC$|^53100$/)) return { kind: "full", text: `${where} is out of disk space.` };
  return { kind: "other", text: `${where} cannot be used: ${message.split("\n")[0]}` };
}

/** What a failed `prisma migrate deploy` printed, read for the same troubles (it may fail before our check sees them). */
export function explainMigrationOutput(output, url) {
  const where = describeDatabase(url);
  if (/SocketTimeout|SQLITE_BUSY|database is locked/i.test(output))
    return { kind: "locked", text: `${where} is locked by another program (a backup tool, or a sqlite3 shell?).` };
  if (/P1001|Can't reach database server|ECONNREFUSED/i.test(output))
    return { kind: "unreachable", text: `${where} cannot be reached: is it running?` };
  if (/P1000|Authentication failed/i.test(output))
    return { kind: "refused", text: `${where} refused the user name or password in DATABASE_URL.` };
  return undefined;
}
