// `npm run bench:backup`: how long `npm run db:backup` and `npm run db:restore` take for 10,000
// credentials on the embedded SQLite default (key file beside the database). Rows are seeded
// directly, sealed as the app seals them, each with an Activity entry. Prints figures; no targets.
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

import { parseKeyRing } from "@/lib/crypto/key-ring";
import { sealSecret } from "@/lib/crypto/secret-box";

import { migratedDatabase, root } from "./support";

const CREDENTIALS = Number(process.argv[2] ?? 10_000);
const RUNS = 3;

function seed(file: string) {
  const keyText = `local-bench:${randomBytes(32).toString("base64")}\n`;
  fs.writeFileSync(path.join(path.dirname(file), "credential-encryption.key"), keyText, { mode: 0o600 });
  const ring = parseKeyRing(keyText, "bench key");
  const db = new Database(file);
  const now = new Date().toISOString();
  db.prepare('INSERT INTO "User" (id, name, email, role, "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)').run(
    "bench-admin",
    "Bench Admin",
    "bench@example.test",
    "admin",
    now,
    now,
  );
  const credential = db.prepare(
    `INSERT INTO "Credential" (id, connector, name, "nameKey", description, "secretCiphertext", "secretKeyId", "secretLast4",
      "accountId", "accountName", "accountEmail", "lastVerifiedAt", "lastCheckedAt", "createdAt", "updatedAt", "ownerId")
     VALUES (?, 'clickup', ?, ?, 'Seeded for the backup benchmark', ?, ?, ?, '1001', 'Ada Lovelace', 'ada@example.test', ?, ?, ?, ?, 'bench-admin')`,
  );
  const event = db.prepare(
    `INSERT INTO "CredentialEvent" (id, "credentialId", "credentialName", type, detail, "actorName", "createdAt") VALUES (?, ?, ?, 'created', '', 'Bench Admin', ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < CREDENTIALS; i++) {
      const id = randomUUID();
      const name = `Bench credential ${String(i).padStart(5, "0")}`;
      const token = `pk_good_${randomBytes(16).toString("hex")}`;
      const sealed = sealSecret(ring, token, `credential:${id}`);
      credential.run(
        id,
        name,
        name.toLowerCase(),
        sealed.ciphertext,
        sealed.keyId,
        token.slice(-4),
        now,
        now,
        now,
        now,
      );
      event.run(randomUUID(), id, name, now);
    }
  })();
  db.pragma("journal_mode = WAL");
  db.close();
}

/** Wall time of one `npm run …`, as an operator sees it (tsx start-up included). */
function timed(args: string[], databaseFile: string): { seconds: number; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${databaseFile}` };
  delete env.CREDENTIAL_ENCRYPTION_KEYS;
  const started = performance.now();
  const run = spawnSync("npm", ["run", "-s", ...args], { cwd: root, env, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`npm run ${args.join(" ")} failed:\n${run.stdout}${run.stderr}`);
  return { seconds, output: run.stdout };
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "bench-backup-"));
try {
  const source = migratedDatabase(path.join(scratch, "source", "app.db"));
  seed(source);
  console.log(`Seeded ${CREDENTIALS} credentials (${(fs.statSync(source).size / 1e6).toFixed(1)} MB database).`);
  for (let run = 1; run <= RUNS; run++) {
    const folder = path.join(scratch, `backup-${run}`);
    const backup = timed(["db:backup", "--", folder], source);
    const copyTime = backup.output.match(/ in ([\d.]+) s\./)?.[1];
    console.log(`backup ${run}: ${backup.seconds.toFixed(2)} s for npm run db:backup (the copy itself: ${copyTime} s)`);
    const restore = timed(["db:restore", "--", folder], path.join(scratch, `restored-${run}`, "app.db"));
    console.log(`restore ${run}: ${restore.seconds.toFixed(2)} s for npm run db:restore, checks included`);
    if (run === RUNS) console.log(restore.output.slice(restore.output.indexOf("Checks:")).trimEnd());
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
