import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

// @ts-expect-error: plain-Node module of `npm start`, without types
import { listMigrations, postgresUpToDate } from "../../server/migrations.mjs";

// On PostgreSQL `npm start` asks the database whether every migration is applied (one query)
// and starts the Prisma CLI only when something is pending or failed.

const adminUrl = process.env.POSTGRES_ADMIN_URL;
const MIGRATIONS = path.resolve("prisma/postgres/migrations");

describe.runIf(adminUrl?.startsWith("postgres"))("the PostgreSQL migration check of npm start", () => {
  const name = `migration_check_${process.pid}`;
  // (The body runs when the tests are collected, on SQLite too: nothing here may need PostgreSQL.)
  const url = adminUrl?.replace(/\/[^/]*$/, `/${name}`) ?? "";
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "pg-migrations-"));
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  afterAll(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it("says pending on an empty database, up to date after prisma migrate deploy, pending again for a new or failed migration", async () => {
    await admin(`CREATE DATABASE ${name}`);
    expect(await postgresUpToDate(url, MIGRATIONS)).toBe(false);

    const deployed = spawnSync(path.resolve("node_modules/.bin/prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      encoding: "utf8",
    });
    expect(deployed.status, deployed.stderr).toBe(0);
    expect(await postgresUpToDate(url, MIGRATIONS)).toBe(true);

    // A folder with one more migration than the database has.
    for (const migration of listMigrations(MIGRATIONS)) {
      fs.mkdirSync(path.join(folder, migration.name), { recursive: true });
      fs.writeFileSync(path.join(folder, migration.name, "migration.sql"), migration.sql);
    }
    fs.mkdirSync(path.join(folder, "20991231000000_next"));
    fs.writeFileSync(path.join(folder, "20991231000000_next", "migration.sql"), "SELECT 1;\n");
    expect(await postgresUpToDate(url, folder)).toBe(false);

    // A migration Prisma recorded as started and never finished.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = $1", [
      listMigrations(MIGRATIONS)[0].name,
    ]);
    await client.end();
    expect(await postgresUpToDate(url, MIGRATIONS)).toBe(false);
  }, 60_000);
});
