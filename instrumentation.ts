/**
 * Runs once when a server process starts: configuration problems (bad env, missing or malformed
 * encryption key) stop it here with a clear message, instead of surfacing on someone's first save.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkConfigurationAtStartup } = await import("@/lib/config/startup-check");
  const { reportCredentialsWithMissingKeys } = await import("@/lib/credentials/report-missing-keys");
  checkConfigurationAtStartup();
  await reportCredentialsWithMissingKeys();
}
