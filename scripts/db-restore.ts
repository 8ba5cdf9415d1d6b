// `npm run db:restore -- <folder> [--force]`: a backup from `npm run db:backup` into the database
// DATABASE_URL names, then checked: counts as in the manifest, and every token decrypts. Exits 1
// when a check fails. Refuses, before writing anything, a backup whose manifest, signature
// (with BACKUP_SIGNING_KEY) or listed files do not pass. The work is in lib/backup/restore-database.ts.
import fs from "node:fs";

import { BackupError, backupMessages } from "@/lib/backup/messages";
import { restoreDatabase } from "@/lib/backup/restore-database";
import { ConfigurationError } from "@/lib/config/env";

async function main() {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const folders = args.filter((arg) => arg !== "--force");
  if (folders.length !== 1 || folders[0].startsWith("-")) {
    console.error("Usage: npm run db:restore -- <folder> [--force]   (--force replaces a database that holds data)");
    process.exit(2);
  }
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  const report = await restoreDatabase(folders[0], { force });
  const { manifest } = report;
  console.log(
    `Restored the backup of ${manifest.createdAt} (${manifest.app.name} ${manifest.app.version}) into ${report.target}.`,
  );
  console.log(`  ${backupMessages.signatureState[report.signature]}`);
  if (report.keyFile) {
    console.log(`  Key file restored to ${report.keyFile.restoredTo}.`);
    if (report.keyFile.previousKeptAt)
      console.log(`  The key file that was there is kept at ${report.keyFile.previousKeptAt}.`);
  }
  console.log(
    `  Latest migration in the backup: ${manifest.migrations.latest ?? "none recorded"}; npm start applies any newer ones.`,
  );
  console.log("Checks:");
  for (const check of report.checks) console.log(`  ${check.ok ? "ok  " : "FAIL"} ${check.text}`);
  if (!report.ok) {
    console.error("The restored database did not pass every check (above).");
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof BackupError || error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
