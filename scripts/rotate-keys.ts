// `npm run keys:rotate`: re-encrypt every stored credential with the active (first) key of
// CREDENTIAL_ENCRYPTION_KEYS. Safe to interrupt and run again: each row and its Activity entry
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
  const removable = [...ring.keys.keys()].filter((keyId) => keyId !== ring.activeKeyId && !report.keysInUse[keyId]);
  if (removable.length)
    console.log(
      `No credential uses ${removable.map((id) => `"${id}"`).join(", ")} any more: it can be removed from the ring.`,
    );
  if (report.unreadable.length) {
    console.error(`${report.unreadable.length} credential(s) could not be decrypted and were left as they are:`);
    for (const item of report.unreadable) console.error(`  - "${item.name}" (key "${item.keyId}": ${item.reason})`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
