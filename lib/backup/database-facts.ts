import type { BackupCounts, BackupManifest } from "./manifest";
import type { SqlReader } from "./sql-reader";

// What a backup's manifest records about its database, read in the same snapshot as the copy
// (the backup file itself for SQLite, pg_dump's exported snapshot for PostgreSQL).

export async function readCounts(reader: SqlReader): Promise<BackupCounts> {
  const [row] = await reader.query<Record<keyof BackupCounts, number | string>>(`SELECT
    (SELECT COUNT(*) FROM "User") AS "people",
    (SELECT COUNT(*) FROM "Credential") AS "credentials",
    (SELECT COUNT(*) FROM "Endpoint" WHERE "kind" = 'source') AS "sources",
    (SELECT COUNT(*) FROM "Endpoint" WHERE "kind" = 'destination') AS "destinations",
    (SELECT COUNT(*) FROM "CredentialShare") AS "shares",
    (SELECT COUNT(*) FROM "CredentialEvent") AS "activity",
    (SELECT COUNT(*) FROM "Invitation") AS "invitations"`);
  // PostgreSQL's COUNT is a bigint, which node-postgres hands over as text.
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [name, Number(value)]),
  ) as unknown as BackupCounts;
}

export async function readCredentialsPerKeyId(reader: SqlReader): Promise<Record<string, number>> {
  const rows = await reader.query<{ keyId: string; count: number | string }>(
    `SELECT "secretKeyId" AS "keyId", COUNT(*) AS "count" FROM "Credential" GROUP BY "secretKeyId" ORDER BY "secretKeyId"`,
  );
  return Object.fromEntries(rows.map((row) => [row.keyId, Number(row.count)]));
}

/** The Prisma migrations applied; none recorded when the schema was made another way (tests do). */
export async function readMigrations(reader: SqlReader): Promise<BackupManifest["migrations"]> {
  const recorded =
    reader.kind === "sqlite"
      ? `SELECT COUNT(*) AS "count" FROM "sqlite_master" WHERE "type" = 'table' AND "name" = '_prisma_migrations'`
      : `SELECT COUNT(*) AS "count" FROM "information_schema"."tables" WHERE "table_schema" = current_schema() AND "table_name" = '_prisma_migrations'`;
  const [{ count }] = await reader.query<{ count: number | string }>(recorded);
  if (Number(count) === 0) return { applied: 0, latest: null };
  const names = await reader.query<{ name: string }>(
    `SELECT "migration_name" AS "name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"`,
  );
  return { applied: names.length, latest: names.at(-1)?.name ?? null };
}

/** Rows in all the app's tables together: 0 means a restore replaces nothing anyone saved. */
export async function countAppRows(reader: SqlReader): Promise<number> {
  let total = 0;
  for (const table of await reader.appTableNames()) {
    const [{ count }] = await reader.query<{ count: number | string }>(`SELECT COUNT(*) AS "count" FROM "${table}"`);
    total += Number(count);
  }
  return total;
}
