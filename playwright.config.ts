import { defineConfig } from "@playwright/test";

import { E2E } from "./e2e/support/e2e-env";

/**
 * What the PostgreSQL pass runs besides setup and the empty state (see the "chromium" project).
 * Managing credentials and endpoints (edit, stale edits, replace, delete while in use, rename) is
 * database logic the Vitest PostgreSQL pass runs command by command (tests/integration/
 * credential-management, endpoint-rename-delete, endpoint-service…); here only the main story's
 * pages on PostgreSQL, and what only a running server on PostgreSQL shows.
 */
const POSTGRES_SPECS = [
  /database-trouble\.spec\.ts/,
  /multi-instance\.spec\.ts/,
  /workers\.spec\.ts/,
  /rate-limit\.spec\.ts/,
  /lost-save-answer\.spec\.ts/,
  /backup-restore\.spec\.ts/,
  /save-credential\.spec\.ts/,
  /create-endpoint\.spec\.ts/,
];

/**
 * Browser tests against the built app (`npm start`, i.e. migrations + `next start`) on a fresh
 * SQLite file, talking to a fake ClickUp on loopback. Debian's Chromium, never a downloaded one.
 */
export default defineConfig({
  testDir: "./e2e",
  outputDir: "./test-results",
  // Fails a run that changed a tracked file (or left a new one): tests write only to ignored places.
  globalSetup: "./e2e/support/clone-unchanged.ts",
  forbidOnly: true,
  retries: 0,
  workers: 2,
  // Whole flows (a save waits ~800 ms on the fake ClickUp, then Configure, Create, Delete…) took
  // past 30 s on a two-core machine with both cores busy (CI's case) while taking ~8 s alone.
  timeout: 60_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: E2E.appUrl,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    // Runs first, on the database every run starts with (no accounts): first-run setup creates the
    // admin through the UI and saves its signed-in state for every other test.
    { name: "setup", testMatch: /auth\.setup\.ts/ },
    // Then the empty state (no credentials yet), signed in as the owner.
    {
      name: "empty-state",
      testMatch: /empty-state\.spec\.ts/,
      dependencies: ["setup"],
      use: { storageState: E2E.adminSession },
    },
    {
      name: "chromium",
      use: { storageState: E2E.adminSession },
      // The SQLite pass runs every page and flow. The PostgreSQL pass runs what differs there: the
      // specs whose outcome depends on the database (trouble with it, several processes or instances
      // on one database, limits counted in it, kill -9 mid-save, backup and restore) and a smoke of
      // the main story (save a credential, create a source, manage both). Several app processes on
      // one database is the PostgreSQL deployment, so multi-instance runs only there.
      ...(E2E.databaseKind === "postgresql"
        ? { testMatch: POSTGRES_SPECS }
        : { testIgnore: [/empty-state\.spec\.ts/, /multi-instance\.spec\.ts/] }),
      dependencies: ["empty-state"],
    },
  ],
  webServer: [
    {
      command: "node e2e/support/fake-clickup.mjs",
      url: `${E2E.fakeClickUpUrl}/__fake/health`,
      // pk_slow_ tokens answer well inside the app's 1500 ms ClickUp timeout.
      env: { FAKE_CLICKUP_PORT: String(E2E.fakeClickUpPort), FAKE_CLICKUP_DELAY_MS: "800" },
      reuseExistingServer: false,
      // Its "listening" line is not shown (stdout's default); anything on stderr is.
    },
    {
      // A fresh database each run. The server's output goes to its log only, where tests assert what
      // was logged: the faults tests cause on purpose (a database taken away, ClickUp failing) log
      // errors that a passing run should not print. If the server stops by itself (it could not
      // start, or crashed), the end of its log is printed.
      command:
        `rm -rf ${E2E.dataDir} && mkdir -p -m 700 ${E2E.dataDir} && ` +
        `{ node server/start.mjs > ${E2E.serverLog} 2>&1 || ` +
        `{ code=$?; echo "[e2e] The app server stopped (exit $code); the end of ${E2E.serverLog}:" >&2; tail -n 40 ${E2E.serverLog} >&2; exit $code; }; }`,
      url: `${E2E.appUrl}/sources/new/clickup`,
      env: {
        PORT: String(E2E.appPort),
        DATABASE_URL: E2E.databaseUrl,
        CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
        CLICKUP_TIMEOUT_MS: "1500",
        // The suite saves many credentials from one address; the limit itself is tested on its own server.
        TOKEN_CHECKS_PER_MINUTE: "100000",
        TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
        // One process: tests count the fake ClickUp's calls exactly, and one process's Workspace
        // listing cache answers reloads. Several workers are tested in workers.spec.ts.
        WEB_CONCURRENCY: "1",
        // Scheduled checks would add calls to those counts: the suite's server checks once a week
        // (the longest interval), never within a run. The watch is tested on servers of its own.
        CREDENTIAL_CHECK_INTERVAL_SECONDS: "604800",
        CREDENTIAL_ENCRYPTION_KEYS: E2E.keyRing,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      timeout: 180_000,
      reuseExistingServer: false,
    },
  ],
});
