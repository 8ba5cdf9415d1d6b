#!/usr/bin/env node
// `npm run db:new-migration -- <name>`: after editing prisma/schema.prisma, creates the migration
// for both databases from the difference between the data model as last committed (git HEAD) and
// now:  prisma/migrations/<stamp>_<name>/ (SQLite) and prisma/postgres/migrations/<stamp>_<name>/
// (PostgreSQL), and regenerates prisma/postgres/schema.prisma.
//
// Why not `prisma migrate dev`: with Prisma 6.19's Wasm schema engine (the only one that runs
// offline here) it fails on an empty database and cannot build its shadow database; and for
// PostgreSQL it fails outright. `migrate diff` between two data models works for both.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { POSTGRES_SCHEMA, postgresSchemaFrom, SQLITE_SCHEMA } from "./db-schemas.mjs";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(1);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "schema-"));
const previousSqlite = path.join(scratch, "schema.prisma");
fs.writeFileSync(previousSqlite, execFileSync("git", ["show", "HEAD:prisma/schema.prisma"]));
const previousPostgres = path.join(scratch, "postgres.prisma");
fs.writeFileSync(previousPostgres, postgresSchemaFrom(fs.readFileSync(previousSqlite, "utf8")));
fs.writeFileSync(POSTGRES_SCHEMA, postgresSchemaFrom(fs.readFileSync(SQLITE_SCHEMA, "utf8")));

const diff = (from, to) =>
  execFileSync(
    "npx",
    ["prisma", "migrate", "diff", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
const targets = [
  { dir: path.join("prisma", "migrations"), sql: diff(previousSqlite, SQLITE_SCHEMA) },
  { dir: path.join("prisma", "postgres", "migrations"), sql: diff(previousPostgres, POSTGRES_SCHEMA) },
];
if (!targets.some(({ sql }) => /\b(CREATE|ALTER|DROP|INSERT|PRAGMA)\b/.test(sql))) {
  console.log("No change between HEAD's schema and prisma/schema.prisma: no migration created.");
  process.exit(0);
}
const folder = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${name}`;
for (const { dir, sql } of targets) {
  fs.mkdirSync(path.join(dir, folder), { recursive: true });
  fs.writeFileSync(path.join(dir, folder, "migration.sql"), sql);
  console.log(`Created ${path.join(dir, folder, "migration.sql")}`);
}
console.log("Review both, then `npm run db:generate` and `npx prisma migrate deploy`.");
