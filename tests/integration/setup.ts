import { randomBytes } from "node:crypto";
import { afterAll, vi } from "vitest";

import type { Caller } from "@/lib/auth/person";

import { startFakeClickUp, type FakeClickUp } from "./fake-clickup-server";
import { createTestDatabase, TEST_ADMIN, type TestDatabase } from "./test-database";

export interface AppSettings {
  databaseUrl: string;
  clickUpBaseUrl: string;
  /** CREDENTIAL_ENCRYPTION_KEYS */
  keyRingText: string;
  /** Integration tests check many tokens; rate-limit tests lower this. */
  tokenChecksPerMinute?: number;
  /** The same, per person (TOKEN_CHECKS_PER_PERSON_PER_MINUTE). */
  tokenChecksPerPersonPerMinute?: number;
  clickUpTimeoutMs?: number;
  /** Integration tests start many hashes at once; hashing-capacity tests lower this. */
  passwordHashesInFlight?: number;
  /** CREDENTIAL_CHECK_INTERVAL_SECONDS (the watch); the default, an hour, when unset. */
  credentialCheckIntervalSeconds?: number;
  /** CREDENTIAL_CHECKS_PER_MINUTE (the watch's global rate); the default, 60, when unset. */
  credentialChecksPerMinute?: number;
  /** Configures the ClickUp OAuth app (CLICKUP_OAUTH_*, APP_URL); unset otherwise, as by default. */
  oauth?: { clientId: string; clientSecret: string; appUrl: string; appBaseUrl: string };
}

/**
 * Points the app at these settings: closes its database client if one is open, sets the
 * environment lib/config/env.ts reads, and forgets loaded modules, because env, key ring and
 * Prisma client are cached on first use. Import the app's modules (`await import(…)`) after this.
 */
export async function configureApp(settings: AppSettings): Promise<void> {
  await disconnectApp();
  process.env.DATABASE_URL = settings.databaseUrl;
  process.env.CREDENTIAL_ENCRYPTION_KEYS = settings.keyRingText;
  process.env.CLICKUP_API_BASE_URL = settings.clickUpBaseUrl;
  process.env.CLICKUP_TIMEOUT_MS = String(settings.clickUpTimeoutMs ?? 2_000);
  process.env.TOKEN_CHECKS_PER_MINUTE = String(settings.tokenChecksPerMinute ?? 100_000);
  process.env.PASSWORD_HASHES_IN_FLIGHT = String(settings.passwordHashesInFlight ?? 10_000);
  process.env.TOKEN_CHECKS_PER_PERSON_PER_MINUTE = String(settings.tokenChecksPerPersonPerMinute ?? 100_000);
  if (settings.credentialCheckIntervalSeconds === undefined) delete process.env.CREDENTIAL_CHECK_INTERVAL_SECONDS;
  else process.env.CREDENTIAL_CHECK_INTERVAL_SECONDS = String(settings.credentialCheckIntervalSeconds);
  if (settings.credentialChecksPerMinute === undefined) delete process.env.CREDENTIAL_CHECKS_PER_MINUTE;
  else process.env.CREDENTIAL_CHECKS_PER_MINUTE = String(settings.credentialChecksPerMinute);
  const oauthVariables = {
    CLICKUP_OAUTH_CLIENT_ID: settings.oauth?.clientId,
    CLICKUP_OAUTH_CLIENT_SECRET: settings.oauth?.clientSecret,
    CLICKUP_APP_BASE_URL: settings.oauth?.appBaseUrl,
  };
  for (const [name, value] of Object.entries(oauthVariables)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  if (settings.oauth) process.env.APP_URL = settings.oauth.appUrl;
  vi.resetModules();
}

/** Closes the app's database client (lib/db/client.ts keeps one per process), if one was opened. */
export async function disconnectApp(): Promise<void> {
  const holder = globalThis as { prisma?: unknown };
  if (!holder.prisma) return;
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  delete holder.prisma;
}

export interface IntegrationSetup {
  database: TestDatabase;
  clickUp: FakeClickUp;
  keyRingText: string;
}

/**
 * For the top of an integration test file (`await setUpIntegrationTests()`), before it imports
 * the app's modules: a fresh database of the kind under test, a fake ClickUp, and the app
 * configured to use both. Cleans up after the file's tests.
 */
export async function setUpIntegrationTests(
  settings: Partial<
    Pick<
      AppSettings,
      | "tokenChecksPerMinute"
      | "tokenChecksPerPersonPerMinute"
      | "clickUpTimeoutMs"
      | "passwordHashesInFlight"
      | "oauth"
      | "credentialCheckIntervalSeconds"
      | "credentialChecksPerMinute"
    >
  > = {},
): Promise<IntegrationSetup> {
  const [database, clickUp] = await Promise.all([createTestDatabase(), startFakeClickUp()]);
  const keyRingText = generateKeyRingText();
  afterAll(async () => {
    await disconnectApp();
    await clickUp.close();
    await database.remove();
  });
  await configureApp({ databaseUrl: database.url, clickUpBaseUrl: clickUp.baseUrl, keyRingText, ...settings });
  return { database, clickUp, keyRingText };
}

/** A test key ring in CREDENTIAL_ENCRYPTION_KEYS form: active key first, then an older one. */
export function generateKeyRingText(): string {
  return `it-active:${randomBytes(32).toString("base64")},it-old:${randomBytes(32).toString("base64")}`;
}

/** The caller commands take: who is asking, and their client address for abuse limits. */
export const testCaller: Caller = { person: TEST_ADMIN, clientKey: "integration-tests" };
export { TEST_ADMIN };
