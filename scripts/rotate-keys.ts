// `npm run keys:rotate`: re-encrypt every stored credential, and every webhook signing secret, with
// the active (first) key of CREDENTIAL_ENCRYPTION_KEYS. Safe to interrupt and run again: each row and its Activity entry
// commit together (lib/credentials/rotate-credential-keys.ts). Prints what it moved and which key
// ids are still in use, so you know when an old key can be removed from the ring.
import fs from "node:fs";

import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { ConfigurationError } from "@/lib/config/env";
import { rotateCredentialKeys } from "@/lib/credentials/rotate-credential-keys";

async function main() {
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  const ring = getCredentialKeyRing();
  console.log(`Re-encrypting credentials with the active key "${ring.activeKeyId}"…`);
  const report = await rotateCredentialKeys({ onBatch: (moved) => console.log(`  ${moved} re-encrypted so far`) });
  console.log(`Re-encrypted ${report.moved} credential(s) with key "${report.activeKeyId}".`);
  const inUse = Object.entries(report.keysInUse).map(([keyId, count]) => `"${keyId}": ${count}`);
  console.log(`Credentials per key now: ${inUse.length ? inUse.join(", ") : "none stored"}.`);
  const { webhooks } = report;
  console.log(`Re-sealed ${webhooks.moved} webhook signing secret(s) with key "${report.activeKeyId}".`);
  const webhooksInUse = Object.entries(webhooks.keysInUse).map(([keyId, count]) => `"${keyId}": ${count}`);
  console.log(`Webhooks per key now: ${webhooksInUse.length ? webhooksInUse.join(", ") : "none stored"}.`);
  const removable = [...ring.keys.keys()].filter(
    (keyId) => keyId !== ring.activeKeyId && !report.keysInUse[keyId] && !webhooks.keysInUse[keyId],
  );
  if (removable.length)
    console.log(
      `No credential or webhook uses ${removable.map((id) => `"${id}"`).join(", ")} any more: it can be removed from the ring.`,
    );
  if (report.unreadable.length) {
    console.error(`${report.unreadable.length} credential(s) could not be decrypted and were left as they are:`);
    for (const item of report.unreadable) console.error(`  - "${item.name}" (key "${item.keyId}": ${item.reason})`);
    process.exitCode = 1;
  }
  if (webhooks.unreadable.length) {
    console.error(
      `${webhooks.unreadable.length} webhook signing secret(s) could not be decrypted and were left as they are:`,
    );
    for (const item of webhooks.unreadable)
      console.error(`  - webhook ${item.id} to ${item.host} (key "${item.keyId}": ${item.reason})`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
