import { z } from "@/lib/zod";

const prismaErrorSchema = z.object({ code: z.string() });

/**
 * A unique index refused the write: the database, not a prior check, decides. A model query says
 * P2002; raw SQL ($queryRaw, on the save's hot path) says P2010 with the driver adapter's error
 * inside, whose kind is UniqueConstraintViolation (or the database's own code).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (prismaErrorSchema.safeParse(error).data?.code === "P2002") return true;
  return describeError(error).codes.some((code) => UNIQUE_VIOLATION_CODES.test(code));
}
const UNIQUE_VIOLATION_CODES = /^(UniqueConstraintViolation|23505|SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY))$/;

/** A foreign key refused the write (P2003), e.g. the referenced row was deleted meanwhile. */
export function isForeignKeyViolation(error: unknown): boolean {
  return prismaErrorSchema.safeParse(error).data?.code === "P2003";
}

/**
 * Trouble with the database itself rather than a bug: it is locked by another program or too busy
 * to start one more transaction in time, out of disk space, or cannot be reached (down,
 * restarting, refusing the connection). Messages name it (lib/db/messages.ts); the bug message
 * stays for bugs.
 */
export type DatabaseTrouble = "busy" | "outOfSpace" | "unreachable";

/** A write gave up waiting for a lock or a connection (DATABASE_BUSY_TIMEOUT_MS ran out). */
export class DatabaseBusyError extends Error {
  override name = "DatabaseBusyError";
  readonly code = "DATABASE_BUSY";
  constructor(cause?: unknown) {
    super("The database stayed busy (locked or out of connections) for longer than DATABASE_BUSY_TIMEOUT_MS.", {
      cause,
    });
  }
}

/** Codes that say the database was busy: SQLite's locks, PostgreSQL's lock and connection limits, Prisma's waits. */
const BUSY_CODES = [
  /^SQLITE_(BUSY|LOCKED)/,
  /^DATABASE_BUSY$/,
  /^P1008$/, // "Operation has timed out": the SQLite adapter's name for SQLITE_BUSY
  /^P2024$/, // no connection from the pool in time
  /^55P03$/, // lock_not_available
  /^40001$/, // serialization_failure
  /^40P01$/, // deadlock_detected
  /^53300$/, // too_many_connections
  /^TooManyConnections$/,
  /^TransactionWriteConflict$/,
];
const OUT_OF_SPACE_CODES = [/^SQLITE_FULL$/, /^ENOSPC$/, /^EDQUOT$/, /^53100$/ /* disk_full */];
const UNREACHABLE_CODES = [
  /^SQLITE_CANTOPEN/,
  /^E(CONNREFUSED|CONNRESET|CONNABORTED|TIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH|NOTFOUND|AI_AGAIN)$/,
  /^P10(00|01|02|17)$/, // authentication failed, can't reach, timed out connecting, connection closed
  /^08/, // PostgreSQL connection_exception
  /^57P0[1-3]$/, // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down)
  /^28(000|P01)$/, // wrong user or password: as far as the app can tell, no database to use
  /^(DatabaseNotReachable|ConnectionClosed|AuthenticationFailed|DatabaseAccessDenied)$/,
];
/** The pg driver's own words for a connection that went away, which carry no code. */
const UNREACHABLE_MESSAGES =
  /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Can't reach database server/i;
const TRANSACTION_COULD_NOT_START = /Unable to start a transaction in the given time|on an expired transaction/;

/** Every code, kind and message in an error and what it wraps (Prisma keeps the driver's error in `meta`). */
function describeError(error: unknown): { codes: string[]; messages: string[] } {
  const codes: string[] = [];
  const messages: string[] = [];
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number) => {
    if (typeof value !== "object" || value === null || seen.has(value) || depth > 6) return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ["code", "originalCode", "kind", "errno"])
      if (typeof record[key] === "string") codes.push(record[key] as string);
    for (const key of ["message", "originalMessage"])
      if (typeof record[key] === "string") messages.push(record[key] as string);
    visit(record.cause, depth + 1);
    visit((record.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  return { codes, messages };
}

/** Which kind of database trouble `error` is, or undefined when it is something else (a bug). */
export function databaseTrouble(error: unknown): DatabaseTrouble | undefined {
  const { codes, messages } = describeError(error);
  const has = (patterns: RegExp[]) => codes.some((code) => patterns.some((pattern) => pattern.test(code)));
  if (has(OUT_OF_SPACE_CODES) || messages.some((text) => /No space left on device/i.test(text))) return "outOfSpace";
  if (has(UNREACHABLE_CODES) || messages.some((text) => UNREACHABLE_MESSAGES.test(text))) return "unreachable";
  if (has(BUSY_CODES)) return "busy";
  if (codes.includes("P2028") && messages.some((text) => TRANSACTION_COULD_NOT_START.test(text))) return "busy";
  return undefined;
}

/** SQLite answered "busy" or "locked": another connection holds the lock; trying again later may work. */
export function isSqliteBusy(error: unknown): boolean {
  return describeError(error).codes.some((code) => /^SQLITE_(BUSY|LOCKED)/.test(code));
}

/** The connection a query was on went away (PostgreSQL restarted, or dropped it). */
export function isDroppedConnection(error: unknown): boolean {
  return databaseTrouble(error) === "unreachable";
}
