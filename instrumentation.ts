/**
 * Runs once when a server process starts: configuration problems (bad env, missing or malformed
 * encryption key) stop it here with a clear message, instead of surfacing on someone's first save;
 * database files others can read are warned about.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigurationAtStartup } = await import("@/lib/config/startup-check");
  const { reportCredentialsWithMissingKeys } = await import("@/lib/credentials/report-missing-keys");
  const { warnAboutLooseDataFiles } = await import("@/lib/db/data-files");
  const { issueSetupCode } = await import("@/lib/people/setup-code");
  const { startCredentialWatch } = await import("@/lib/credential-watch/watch-loop");
  const { startDeliveries } = await import("@/lib/alerts/delivery-runner");
  checkConfigurationAtStartup();
  // With several workers (server/workers.mjs) every one checks its configuration, but only the
  // first reports on the data, so the log says each finding once.
  const worker = process.env.APP_WORKER_NUMBER;
  if (worker && worker !== "1") return;
  await reportCredentialsWithMissingKeys();
  // Once per instance, like the reports: its own setup code while no admin exists.
  await issueSetupCode();
  // After the database was opened: SQLite has created its -wal and -shm files by then.
  warnAboutLooseDataFiles();
  // One watch loop per instance; its claims keep several instances on one database from checking
  // a credential twice in an interval (lib/credential-watch/claim-due-checks.ts).
  startCredentialWatch();
  // And one delivery runner: webhooks and email for the alerts the watch and people's checks write.
  startDeliveries();
}
