import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { parseKeyRing } from "@/lib/crypto/key-ring";
import { openSecret } from "@/lib/crypto/secret-box";

import { openSqlDatabase, type SqlDatabase } from "../support/sql-database";
import { configureApp, disconnectApp, generateKeyRingText, setUpIntegrationTests, testCaller } from "./setup";
import { createTestDatabase, type TestDatabase } from "./test-database";

// `npm run db:backup` and `npm run db:restore`, run as an operator runs them (child processes),
// against the database of the kind under test while this process keeps saving, as the app would.

const ROOT = path.resolve(__dirname, "../..");
const { database, clickUp, keyRingText } = await setUpIntegrationTests();
const { createCredential } = await import("@/lib/credentials/create-credential");

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "backup-it-"));
const databasesToDrop: string[] = [];
// One restored database per restore on PostgreSQL (some twenty), dropped one by one on a busy machine.
afterAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  for (const name of databasesToDrop)
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}, 120_000);

interface Run {
  code: number | null;
  output: string;
}

/** `npm run <script> -- …args` with exactly these app variables (nothing inherited from this process's). */
function npmRun(
  script: "db:backup" | "db:restore",
  args: string[],
  env: { DATABASE_URL: string; CREDENTIAL_ENCRYPTION_KEYS?: string; BACKUP_SIGNING_KEY?: string },
): Promise<Run> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  delete childEnv.CREDENTIAL_ENCRYPTION_KEYS;
  delete childEnv.BACKUP_SIGNING_KEY;
  Object.assign(childEnv, env);
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "-s", script, "--", ...args], { cwd: ROOT, env: childEnv });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A new, empty place to restore into: a path no file exists at yet, or a PostgreSQL database without tables. */
async function freshTarget(label: string): Promise<string> {
  if (database.kind === "sqlite")
    return `file:${path.join(scratch, `${label}-${randomBytes(3).toString("hex")}`, "app.db")}`;
  const name = `restore_${label}_${randomBytes(4).toString("hex")}`.toLowerCase();
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  databasesToDrop.push(name);
  const url = new URL(process.env.POSTGRES_ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

const goodToken = () => `pk_good_${randomBytes(12).toString("hex")}`;
/** Every token saved in this file, to check none is ever printed. */
const allTokens: string[] = [];
const credentialIds = async (db: SqlDatabase) =>
  (await db.queryRows<{ id: string }>('SELECT "id" FROM "Credential"')).map((row) => row.id).sort();

function expectNoTokenIn(output: string) {
  for (const token of allTokens) expect(output).not.toContain(token);
}

describe("backup while saves keep coming, then restore", { timeout: 180_000 }, () => {
  const backupFolder = path.join(scratch, "while-saving");
  /** id → token of every save that was acknowledged before the backup started. */
  const acknowledgedBefore = new Map<string, string>();
  const acknowledged = new Map<string, string>();
  let restoredUrl: string;

  it("loses no acknowledged save, and the restore checks pass", async () => {
    let stop = false;
    let backupStarted = false;
    let saved = 0;
    const saver = (async () => {
      for (let i = 0; !stop; i++) {
        const token = goodToken();
        allTokens.push(token);
        const result = await createCredential(testCaller, { connector: "clickup", name: `Saved ${i}`, apiKey: token });
        if (!result.ok) throw new Error(result.message);
        acknowledged.set(result.data.id, token);
        if (!backupStarted) acknowledgedBefore.set(result.data.id, token);
        saved += 1;
      }
    })();
    while (saved < 25) await new Promise((resolve) => setTimeout(resolve, 20));
    // A delivery still to send is the app's data; pg-boss's queue (PostgreSQL) is not: it is left
    // out, and the restored app queues the pending deliveries again from the Delivery table.
    const [someCredential] = acknowledgedBefore.keys();
    await database.execute(
      'INSERT INTO "Alert" ("id", "type", "credentialId", "payload", "createdAt") VALUES (?, ?, ?, ?, ?)',
      "alert_backup",
      "credential.broken",
      someCredential,
      "{}",
      new Date().toISOString(),
    );
    await database.execute(
      'INSERT INTO "Delivery" ("id", "alertId", "channel", "recipient", "credentialId", "nextAttemptAt", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?)',
      "delivery_backup",
      "alert_backup",
      "email",
      "owner@example.com",
      someCredential,
      new Date().toISOString(),
      new Date().toISOString(),
    );
    if (database.kind === "postgresql")
      for (const statement of [
        'CREATE SCHEMA "pgboss"',
        'CREATE TABLE "pgboss"."job" ("id" int)',
        'INSERT INTO "pgboss"."job" VALUES (1)',
      ])
        await database.execute(statement);
    backupStarted = true;
    const backup = await npmRun("db:backup", [backupFolder], {
      DATABASE_URL: database.url,
      CREDENTIAL_ENCRYPTION_KEYS: keyRingText,
    });
    const savedDuringBackup = saved - acknowledgedBefore.size;
    stop = true;
    await saver;
    expect(backup.output).toMatch(/^Backed up the (sqlite|postgresql) database/);
    expect(backup.code).toBe(0);
    // The backup really ran while saves were being made.
    expect(savedDuringBackup).toBeGreaterThan(0);
    expectNoTokenIn(backup.output);

    restoredUrl = await freshTarget("while-saving");
    const restore = await npmRun("db:restore", [backupFolder], {
      DATABASE_URL: restoredUrl,
      CREDENTIAL_ENCRYPTION_KEYS: keyRingText,
    });
    console.log(`[backup-restore] ${savedDuringBackup} saves during the backup; restore said:\n${restore.output}`);
    expect(restore.code).toBe(0);
    expectNoTokenIn(restore.output);

    const restored = openSqlDatabase(restoredUrl);
    try {
      const rows = await restored.queryRows<{ id: string; secretKeyId: string; secretCiphertext: string }>(
        'SELECT "id", "secretKeyId", "secretCiphertext" FROM "Credential"',
      );
      const restoredIds = new Set(rows.map((row) => row.id));
      // Every save acknowledged before the backup began is in it; any later one only if whole.
      const lost = [...acknowledgedBefore.keys()].filter((id) => !restoredIds.has(id));
      expect(lost).toEqual([]);
      expect([...restoredIds].filter((id) => !acknowledged.has(id))).toEqual([]);
      const ring = parseKeyRing(keyRingText, "test");
      for (const row of rows)
        expect(
          openSecret(ring, { keyId: row.secretKeyId, ciphertext: row.secretCiphertext }, `credential:${row.id}`),
        ).toBe(acknowledged.get(row.id));
      expect(restore.output).toContain(`ok   Credentials: ${rows.length} restored, ${rows.length} in the backup.`);
      expect(restore.output).toContain(
        `ok   Every token decrypts: ${rows.length} of ${rows.length}, with CREDENTIAL_ENCRYPTION_KEYS.`,
      );
      expect(await restored.queryRows('SELECT "status" FROM "Delivery" WHERE "id" = ?', "delivery_backup")).toEqual([
        { status: "pending" },
      ]);
      if (database.kind === "postgresql")
        expect(await restored.queryRows(`SELECT to_regclass('pgboss.job') AS "job"`)).toEqual([{ job: null }]);
      const manifest = JSON.parse(fs.readFileSync(path.join(backupFolder, "manifest.json"), "utf8"));
      expect(manifest).toMatchObject({
        database: { kind: database.kind },
        counts: { credentials: rows.length, people: 1 },
        encryptionKeys: "CREDENTIAL_ENCRYPTION_KEYS (not in this backup)",
        credentialsPerKeyId: { "it-active": rows.length },
      });
      expect(manifest.files.map((file: { name: string }) => file.name)).toEqual([
        database.kind === "sqlite" ? "app.db" : "database.dump",
      ]);
    } finally {
      await restored.close();
    }
  });

  it("refuses to restore over a database that holds data, and leaves it as it was", async () => {
    const before = await credentialIds(database);
    const refused = await npmRun("db:restore", [backupFolder], {
      DATABASE_URL: database.url,
      CREDENTIAL_ENCRYPTION_KEYS: keyRingText,
    });
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("is not empty");
    expect(refused.output).toContain("--force");
    expect(await credentialIds(database)).toEqual(before);
  });

  it("with --force replaces it with the backup", async () => {
    await disconnectApp();
    // Saved after the backup: --force must replace the database, so this one goes.
    await configureApp({ databaseUrl: database.url, clickUpBaseUrl: clickUp.baseUrl, keyRingText });
    const { createCredential: create } = await import("@/lib/credentials/create-credential");
    const token = goodToken();
    allTokens.push(token);
    const late = await create(testCaller, { connector: "clickup", name: "Saved after the backup", apiKey: token });
    expect(late.ok).toBe(true);
    await disconnectApp();

    const forced = await npmRun("db:restore", [backupFolder, "--force"], {
      DATABASE_URL: database.url,
      CREDENTIAL_ENCRYPTION_KEYS: keyRingText,
    });
    expect(forced.code).toBe(0);
    expectNoTokenIn(forced.output);
    const restored = openSqlDatabase(restoredUrl);
    try {
      expect(await credentialIds(database)).toEqual(await credentialIds(restored));
    } finally {
      await restored.close();
    }
  });

  it("fails its check, exit 1, when the encryption keys are not the backup's", async () => {
    const target = await freshTarget("wrong-keys");
    const run = await npmRun("db:restore", [backupFolder], {
      DATABASE_URL: target,
      CREDENTIAL_ENCRYPTION_KEYS: generateKeyRingText(),
    });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(
      /FAIL (\d+) of \1 tokens do not decrypt with CREDENTIAL_ENCRYPTION_KEYS: .*key "it-active": authentication-failed/,
    );
    expect(run.output).toContain("The restored database did not pass every check");
    expectNoTokenIn(run.output);
  });

  it("refuses a folder that is not empty as a backup destination", async () => {
    const run = await npmRun("db:backup", [backupFolder], {
      DATABASE_URL: database.url,
      CREDENTIAL_ENCRYPTION_KEYS: keyRingText,
    });
    expect(run.code).toBe(1);
    expect(run.output).toContain("is not empty");
  });
});

// The embedded default: no CREDENTIAL_ENCRYPTION_KEYS, the key file beside the SQLite database.
describe.runIf(database.kind === "sqlite")("the embedded default's key file", { timeout: 120_000 }, () => {
  const folder = path.join(scratch, "with-key-file");
  let sourceUrl: string;

  const keyFileBeside = (url: string) =>
    path.join(path.dirname(url.slice("file:".length)), "credential-encryption.key");
  const copyOfBackup = (label: string) => {
    const copy = path.join(scratch, label);
    fs.cpSync(folder, copy, { recursive: true });
    return copy;
  };

  it("goes into the backup, and a restore puts it beside the database, where it decrypts every token", async () => {
    const source = await createTestDatabase();
    sourceUrl = source.url;
    await configureApp({ databaseUrl: source.url, clickUpBaseUrl: clickUp.baseUrl, keyRingText: "" });
    const { createCredential: create } = await import("@/lib/credentials/create-credential");
    for (let i = 0; i < 3; i++) {
      const token = goodToken();
      allTokens.push(token);
      expect((await create(testCaller, { connector: "clickup", name: `Keyed ${i}`, apiKey: token })).ok).toBe(true);
    }
    await disconnectApp();
    expect(fs.existsSync(keyFileBeside(source.url))).toBe(true);

    const backup = await npmRun("db:backup", [folder], { DATABASE_URL: source.url });
    expect(backup.code).toBe(0);
    expect(fs.readFileSync(path.join(folder, "credential-encryption.key"))).toEqual(
      fs.readFileSync(keyFileBeside(source.url)),
    );
    expect((fs.statSync(folder).mode & 0o777).toString(8)).toBe("700");
    for (const name of ["app.db", "credential-encryption.key", "manifest.json"])
      expect((fs.statSync(path.join(folder, name)).mode & 0o777).toString(8)).toBe("600");

    const target = await freshTarget("key-file");
    const restore = await npmRun("db:restore", [folder], { DATABASE_URL: target });
    expect(restore.code).toBe(0);
    expect(restore.output).toContain(`ok   Every token decrypts: 3 of 3, with the key file ${keyFileBeside(target)}.`);
    expect(fs.readFileSync(keyFileBeside(target))).toEqual(fs.readFileSync(keyFileBeside(source.url)));
    expect((fs.statSync(keyFileBeside(target)).mode & 0o777).toString(8)).toBe("600");
    expectNoTokenIn(restore.output);
  });

  it("refuses a backup whose key file is missing, restoring nothing", async () => {
    const copy = copyOfBackup("key-missing");
    fs.rmSync(path.join(copy, "credential-encryption.key"));
    const target = await freshTarget("key-missing");
    const run = await npmRun("db:restore", [copy], { DATABASE_URL: target });
    expect(run.code).toBe(1);
    expect(run.output).toContain("The backup is incomplete: credential-encryption.key is missing.");
    expect(fs.existsSync(target.slice("file:".length))).toBe(false);
  });

  it("refuses a backup whose key file was altered, restoring nothing", async () => {
    const copy = copyOfBackup("key-corrupted");
    fs.writeFileSync(path.join(copy, "credential-encryption.key"), `local-x:${randomBytes(32).toString("base64")}\n`);
    const target = await freshTarget("key-corrupted");
    const run = await npmRun("db:restore", [copy], { DATABASE_URL: target });
    expect(run.code).toBe(1);
    expect(run.output).toContain("The backup is damaged: credential-encryption.key does not match the checksum");
    expect(fs.existsSync(target.slice("file:".length))).toBe(false);
  });

  it("refuses a manifest that leaves the key file out of its list, restoring nothing", async () => {
    // Unlisted, the key file went unchecked and unrestored: the database was written anyway.
    const copy = copyOfBackup("key-unlisted");
    const manifestPath = path.join(copy, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
    manifest.files = manifest.files.filter((file: { name: string }) => file.name !== "credential-encryption.key");
    fs.writeFileSync(manifestPath, JSON.stringify(manifest));
    const target = await freshTarget("key-unlisted");
    const run = await npmRun("db:restore", [copy], { DATABASE_URL: target });
    expect(run.output).toContain("manifest.json does not list credential-encryption.key");
    expect(run.code).toBe(1);
    expect(fs.existsSync(target.slice("file:".length))).toBe(false);
  });

  it("keeps a different key file it finds at the target (with --force), and checks with the restored one", async () => {
    const target = await freshTarget("key-replaced");
    fs.mkdirSync(path.dirname(keyFileBeside(target)), { recursive: true });
    const otherKey = `local-other:${randomBytes(32).toString("base64")}\n`;
    fs.writeFileSync(keyFileBeside(target), otherKey, { mode: 0o600 });
    fs.cpSync(sourceUrl.slice("file:".length), target.slice("file:".length));
    const refused = await npmRun("db:restore", [folder], { DATABASE_URL: target });
    expect(refused.code).toBe(1);
    const forced = await npmRun("db:restore", [folder, "--force"], { DATABASE_URL: target });
    expect(forced.code).toBe(0);
    const kept = forced.output.match(/The key file that was there is kept at (\S+)\.\n/)?.[1];
    expect(kept && fs.readFileSync(kept, "utf8")).toBe(otherKey);
    expect(forced.output).toContain("ok   Every token decrypts: 3 of 3");
  });
});

// Issue #27 item 5: a changed database, with the manifest's checksum recomputed, restored with
// every check "ok". Checksums alone detect damage; a manifest signed with BACKUP_SIGNING_KEY (a
// secret kept outside the backup) detects tampering. Mallory is a member when the backups are
// made; the database swapped in later is one where she is admin, with the same counts.
describe("a backup someone changed", { timeout: 300_000 }, () => {
  const signingKey = randomBytes(32).toString("base64");
  const databaseFile = database.kind === "sqlite" ? "app.db" : "database.dump";
  let source: TestDatabase;
  /** Made with BACKUP_SIGNING_KEY, while Mallory is a member. */
  const signed = path.join(scratch, "changed-signed");
  /** Made without it, at the same moment. */
  const unsigned = path.join(scratch, "changed-unsigned");
  /** Made without it, after Mallory was made admin: the database an attacker swaps in. */
  const malloryAdmin = path.join(scratch, "changed-mallory-admin");
  let madeSigned: Run;
  let madeUnsigned: Run;

  const backUp = (folder: string, key?: string) =>
    npmRun("db:backup", [folder], {
      DATABASE_URL: source.url,
      CREDENTIAL_ENCRYPTION_KEYS: keyRingText,
      ...(key ? { BACKUP_SIGNING_KEY: key } : {}),
    });

  beforeAll(async () => {
    source = await createTestDatabase();
    const now = new Date().toISOString();
    await source.execute(
      'INSERT INTO "User" (id, name, email, role, "createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?)',
      "mallory",
      "Mallory",
      "mallory@integration.test",
      "member",
      now,
      now,
    );
    madeSigned = await backUp(signed, signingKey);
    expect(madeSigned.code, madeSigned.output).toBe(0);
    madeUnsigned = await backUp(unsigned);
    expect(madeUnsigned.code, madeUnsigned.output).toBe(0);
    await source.execute('UPDATE "User" SET role = ? WHERE id = ?', "admin", "mallory");
    const madeLater = await backUp(malloryAdmin);
    expect(madeLater.code, madeLater.output).toBe(0);
  }, 180_000);
  afterAll(() => source?.remove(), 30_000);

  const copyOf = (folder: string) => {
    const copy = path.join(scratch, `changed-copy-${randomBytes(3).toString("hex")}`);
    fs.cpSync(folder, copy, { recursive: true });
    return copy;
  };
  const sha256 = (file: string) => createHash("sha256").update(fs.readFileSync(file)).digest("hex");
  type Listed = { name: string; bytes: number; sha256: string };
  const editManifest = (folder: string, edit: (manifest: { files: Listed[] }) => void) => {
    const manifestPath = path.join(folder, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8"));
    edit(manifest);
    fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  };
  /** What the attacker did: the later database in, its checksum recomputed in the manifest. */
  const swapInMalloryAdmin = (folder: string) => {
    fs.copyFileSync(path.join(malloryAdmin, databaseFile), path.join(folder, databaseFile));
    editManifest(folder, (manifest) => {
      const entry = manifest.files.find((file) => file.name === databaseFile)!;
      entry.bytes = fs.statSync(path.join(folder, databaseFile)).size;
      entry.sha256 = sha256(path.join(folder, databaseFile));
    });
  };
  const restore = async (folder: string, key?: string) => {
    const target = await freshTarget("changed");
    const run = await npmRun("db:restore", [folder], {
      DATABASE_URL: target,
      CREDENTIAL_ENCRYPTION_KEYS: keyRingText,
      ...(key ? { BACKUP_SIGNING_KEY: key } : {}),
    });
    return { target, ...run };
  };
  const malloryRole = async (target: string) => {
    const restored = openSqlDatabase(target);
    try {
      const [row] = await restored.queryRows<{ role: string }>('SELECT role FROM "User" WHERE id = ?', "mallory");
      return row?.role;
    } finally {
      await restored.close();
    }
  };
  const expectNothingRestored = async (target: string) => {
    if (database.kind === "sqlite") return expect(fs.existsSync(target.slice("file:".length))).toBe(false);
    const restored = openSqlDatabase(target);
    try {
      expect(await restored.tableNames()).toEqual([]);
    } finally {
      await restored.close();
    }
  };

  it("signs the manifest only with BACKUP_SIGNING_KEY, and says which it did", () => {
    expect(madeSigned.output).toContain("Signed manifest.json with BACKUP_SIGNING_KEY (manifest.sig).");
    expect(madeSigned.output).not.toContain(signingKey);
    expect((fs.statSync(path.join(signed, "manifest.sig")).mode & 0o777).toString(8)).toBe("600");
    expect(fs.existsSync(path.join(unsigned, "manifest.sig"))).toBe(false);
    expect(madeUnsigned.output).toContain(
      "manifest.json is not signed (BACKUP_SIGNING_KEY is not set): its checksums detect damage, not tampering.",
    );
  });

  it("with BACKUP_SIGNING_KEY, refuses a signed backup whose database was swapped and its checksum recomputed", async () => {
    const copy = copyOf(signed);
    swapInMalloryAdmin(copy);
    const run = await restore(copy, signingKey);
    expect(run.output).toContain("manifest.json was changed after it was signed");
    expect(run.output).toContain("Nothing was restored");
    expect(run.code).toBe(1);
    await expectNothingRestored(run.target);
  });

  it("with BACKUP_SIGNING_KEY, refuses a backup that is not signed, and says what to do", async () => {
    const copy = copyOf(unsigned);
    swapInMalloryAdmin(copy);
    const run = await restore(copy, signingKey);
    expect(run.output).toContain("manifest.json is not signed, but BACKUP_SIGNING_KEY is set");
    expect(run.output).toContain("run the restore again with BACKUP_SIGNING_KEY unset");
    expect(run.code).toBe(1);
    await expectNothingRestored(run.target);
  });

  it("without BACKUP_SIGNING_KEY, restores the same swap (its checksums detect damage, not tampering) and says so", async () => {
    const copy = copyOf(unsigned);
    swapInMalloryAdmin(copy);
    const run = await restore(copy);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("manifest.json is not signed: its checksums detect damage, not tampering");
    expect(await malloryRole(run.target)).toBe("admin");
  });

  it("refuses a manifest that leaves the database out of its list", async () => {
    const copy = copyOf(unsigned);
    editManifest(copy, (manifest) => {
      manifest.files = manifest.files.filter((file) => file.name !== databaseFile);
    });
    const run = await restore(copy);
    expect(run.output).toContain(`manifest.json does not list ${databaseFile}`);
    expect(run.code).toBe(1);
    await expectNothingRestored(run.target);
  });

  it.each([
    ["a name that climbs out with ../", `../changed-outside-${randomBytes(2).toString("hex")}.db`],
    ["an absolute path", `/${databaseFile}`],
    ["a path into a subfolder", `nested/${databaseFile}`],
    ["a name no backup holds", "notes.txt"],
  ])("refuses a manifest that lists %s, even with its checksum right", async (_, name) => {
    const copy = copyOf(unsigned);
    // The listed file is there, where the name leads, with the checksum the manifest gives.
    const where = path.join(copy, name);
    fs.mkdirSync(path.dirname(where), { recursive: true });
    fs.copyFileSync(path.join(copy, databaseFile), where);
    editManifest(copy, (manifest) => {
      manifest.files.push({ name, bytes: fs.statSync(where).size, sha256: sha256(where) });
    });
    const run = await restore(copy);
    expect(run.output).toContain(`manifest.json lists ${JSON.stringify(name)}`);
    expect(run.output).toContain("Nothing was restored");
    expect(run.code).toBe(1);
    await expectNothingRestored(run.target);
  });

  it("refuses a database file that is a link to a file elsewhere", async () => {
    const copy = copyOf(unsigned);
    const elsewhere = path.join(scratch, `changed-linked-${randomBytes(2).toString("hex")}`);
    fs.renameSync(path.join(copy, databaseFile), elsewhere);
    fs.symlinkSync(elsewhere, path.join(copy, databaseFile));
    const run = await restore(copy);
    expect(run.output).toContain(`${databaseFile} in the backup is not a plain file`);
    expect(run.code).toBe(1);
    await expectNothingRestored(run.target);
  });

  it("restores a signed backup with the key it was signed with, and says the signature was checked", async () => {
    const run = await restore(signed, signingKey);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("manifest.json is signed with BACKUP_SIGNING_KEY: the backup is as it was made.");
    expect(await malloryRole(run.target)).toBe("member");
    expect(run.output).not.toContain(signingKey);
  });

  it("refuses a signed backup with another BACKUP_SIGNING_KEY, saying which key to use", async () => {
    const run = await restore(signed, randomBytes(32).toString("base64"));
    expect(run.output).toContain("manifest.json was signed with a different BACKUP_SIGNING_KEY");
    expect(run.output).toContain("Nothing was restored");
    expect(run.code).toBe(1);
    await expectNothingRestored(run.target);
  });

  it("restores a signed backup without BACKUP_SIGNING_KEY, saying the signature was not checked", async () => {
    const run = await restore(signed);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(
      "manifest.json is signed, but BACKUP_SIGNING_KEY is not set: the signature was not checked",
    );
  });
});

describe("PostgreSQL without its client programs", { timeout: 60_000 }, () => {
  it("says pg_dump is missing and what to run, without connecting or printing the password", async () => {
    const folder = path.join(scratch, "no-pg-dump");
    // tsx run directly, with a PATH that holds no pg_dump (npm itself lives beside it in /usr/bin).
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "node_modules/.bin/tsx"), "--conditions=react-server", "scripts/db-backup.ts", folder],
      {
        cwd: ROOT,
        env: { ...process.env, PATH: "", DATABASE_URL: "postgresql://app:s3cret-password@127.0.0.1:1/credentials" },
      },
    );
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    expect(output).toContain("pg_dump was not found on this machine");
    expect(output).toContain("apt-get install postgresql-client");
    expect(output).toContain(
      `pg_dump --format=custom --no-owner --no-privileges --exclude-schema=pgboss --file=${folder}/database.dump "$DATABASE_URL"`,
    );
    expect(output).not.toContain("s3cret-password");
  });
});
