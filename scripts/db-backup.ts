// `npm run db:backup -- <folder>`: a consistent backup of the database DATABASE_URL names, taken
// while the app keeps serving, with the embedded default's key file and a manifest. The work is in
// lib/backup/back-up-database.ts.
import fs from "node:fs";

import { backUpDatabase } from "@/lib/backup/back-up-database";
import { BackupError, backupMessages } from "@/lib/backup/messages";
import { ConfigurationError } from "@/lib/config/env";

async function main() {
  const [folder, ...rest] = process.argv.slice(2);
  if (!folder || rest.length > 0 || folder.startsWith("-")) {
    console.error("Usage: npm run db:backup -- <folder>   (a new or empty folder)");
    process.exit(2);
  }
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  const started = performance.now();
  const { folder: written, manifest, signed } = await backUpDatabase(folder);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const counts = Object.entries(manifest.counts).map(([name, count]) => `${count} ${name}`);
  console.log(
    `Backed up the ${manifest.database.kind} database (${manifest.database.tool}) into ${written} in ${seconds} s.`,
  );
  console.log(`  ${counts.join(", ")}; latest migration: ${manifest.migrations.latest ?? "none recorded"}.`);
  for (const file of manifest.files) console.log(`  ${file.name}: ${file.bytes} bytes, sha256 ${file.sha256}`);
  console.log(`  Encryption keys: ${manifest.encryptionKeys}.`);
  console.log(`  ${signed ? backupMessages.signedBackup : backupMessages.unsignedBackup}`);
  console.log(
    manifest.encryptionKeys === "key file in this backup"
      ? "This folder holds the tokens and the key that decrypts them: keep it where only you can read it."
      : "Keep CREDENTIAL_ENCRYPTION_KEYS safe separately: restoring needs them, and this folder cannot be decrypted without them.",
  );
}

main().catch((error) => {
  console.error(error instanceof BackupError || error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
