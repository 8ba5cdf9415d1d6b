import { randomBytes } from "node:crypto";

// Ports, paths and the database shared by playwright.config.ts (which starts the servers) and the
// tests. The suite runs on a fresh SQLite file by default, or on the PostgreSQL database named by
// TEST_DATABASE_URL (set by scripts/with-postgres.mjs).
const appPort = Number(process.env.E2E_APP_PORT ?? 3210);
const fakeClickUpPort = Number(process.env.E2E_FAKE_CLICKUP_PORT ?? 4010);
const dataDir = "data/e2e";
const postgresUrl = process.env.TEST_DATABASE_URL?.startsWith("postgres") ? process.env.TEST_DATABASE_URL : undefined;

// One key ring per test run, handed to the app and to the tests (which decrypt what was stored).
// Worker processes re-import this file, so the key is generated once and passed down via env.
process.env.E2E_KEY_RING ??= `e2e:${randomBytes(32).toString("base64")}`;

export const E2E = {
  appPort,
  appUrl: `http://127.0.0.1:${appPort}`,
  fakeClickUpPort,
  fakeClickUpUrl: `http://127.0.0.1:${fakeClickUpPort}`,
  dataDir,
  databaseKind: postgresUrl ? ("postgresql" as const) : ("sqlite" as const),
  databaseUrl: postgresUrl ?? `file:./${dataDir}/app.db`,
  serverLog: `${dataDir}/server.log`,
  /** The admin's signed-in browser state, written by auth.setup.ts and used by every other test. */
  adminSession: `${dataDir}/owner-session.json`,
  admin: { name: "Ada Admin", email: "ada.admin@example.test", password: "e2e admin passphrase, long enough" },
  keyRing: process.env.E2E_KEY_RING,
};
