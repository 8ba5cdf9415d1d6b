import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// @ts-expect-error: a plain .mjs script without type declarations
import { postgresSchemaFrom } from "../../scripts/db-schemas.mjs";

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const migrationFolders = (dir: string) =>
  fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

describe("one data model for SQLite and PostgreSQL", () => {
  it("the PostgreSQL schema is the SQLite schema with only the provider, URL and client folder changed", () => {
    expect(read("prisma/postgres/schema.prisma")).toBe(postgresSchemaFrom(read("prisma/schema.prisma")));
  });

  it("the models are identical line for line, outside the generator and datasource blocks", () => {
    const models = (schema: string) =>
      schema.replace(/^(generator|datasource) \w+ \{[\s\S]*?^\}/gm, "").replace(/^\/\/ GENERATED.*\n\n/, "");
    expect(models(read("prisma/postgres/schema.prisma"))).toBe(models(read("prisma/schema.prisma")));
  });

  it("every SQLite migration made after PostgreSQL support began has a PostgreSQL twin of the same name", () => {
    const postgres = migrationFolders("prisma/postgres/migrations");
    const postgresStart = postgres[0];
    const laterSqlite = migrationFolders("prisma/migrations").filter((folder) => folder > postgresStart);
    for (const folder of laterSqlite) expect(postgres).toContain(folder);
  });
});
