/**
 * The PostgreSQL schema pg-boss keeps its jobs in (it creates it at start): "pgboss" beside the
 * app's tables, or "<schema>_pgboss" when DATABASE_URL puts the app in a schema of its own, so two
 * installations sharing one database never share a queue. `npm run db:backup` leaves it out
 * (lib/backup/postgres.ts): the Delivery table is the truth, and a restored database's pending
 * deliveries are queued again when the app starts.
 */
export function pgBossSchema(databaseUrl: string): string {
  const schema = new URL(databaseUrl).searchParams.get("schema");
  return schema && schema !== "public" ? `${schema}_pgboss` : "pgboss";
}
