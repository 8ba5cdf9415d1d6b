import { openSqlDatabase } from "../../tests/support/sql-database";
import { E2E } from "./e2e-env";

/**
 * The app's real database, read and written by tests directly (to check what was stored, or to
 * simulate another tab or process): the embedded SQLite file, or PostgreSQL. SQL is written with
 * `?` placeholders and double-quoted identifiers; see tests/support/sql-database.ts.
 */
const database = openSqlDatabase(E2E.databaseUrl);

export const { queryRows, execute, databaseBytes } = database;
