import "server-only";

import { getCredentialKeyRing } from "./encryption-keys";
import { ConfigurationError, getEnv } from "./env";

/** Stops the process on bad configuration (env, keys). */
export function checkConfigurationAtStartup(): void {
  try {
    getEnv();
    getCredentialKeyRing();
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    console.error(
      `\n[config] The app cannot start: ${error.message}\nSee README.md ("Configuration") and .env.example.\n`,
    );
    process.exit(1);
  }
}
