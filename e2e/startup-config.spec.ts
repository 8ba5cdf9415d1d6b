import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

import {
  freePort,
  migratedDatabase,
  newKeyEntry,
  projectRoot,
  startApp,
  type AppInstance,
} from "./support/app-instance";
import { expect, test } from "./support/test";

// The built app, started directly (`next start`) in production mode with a bad configuration,
// must stop at once with a message naming the variable, and never print key material.

let database: ReturnType<typeof migratedDatabase>;
let app: AppInstance | undefined;

test.beforeAll(() => {
  database = migratedDatabase("startup");
});
test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});
test.afterAll(() => database?.remove());

/** The sample line in .env.example (commented out there), as someone copying it would set it. */
function exampleKeyRing(): string {
  const line = fs
    .readFileSync(path.join(projectRoot, ".env.example"), "utf8")
    .split("\n")
    .find((text) => /^#?\s*CREDENTIAL_ENCRYPTION_KEYS=/.test(text));
  const value = line?.replace(/^#?\s*CREDENTIAL_ENCRYPTION_KEYS=/, "").replace(/^"|"$/g, "");
  expect(value, "the example key line in .env.example").toMatch(/^[\w-]+:[A-Za-z0-9+/]{43}=$/);
  return value!;
}

/** The secret parts of a key ring text: each key in base64, and the raw bytes in hex. */
function keyMaterial(ring: string): string[] {
  return ring.split(",").flatMap((entry) => {
    const encoded = entry.slice(entry.indexOf(":") + 1);
    return [encoded, encoded.replace(/=+$/, ""), Buffer.from(encoded, "base64").toString("hex")];
  });
}

async function start(env: Record<string, string>) {
  const port = await freePort(3320, 3339);
  app = startApp({ port, via: "next-start", env: { NODE_ENV: "production", DATABASE_URL: database.url, ...env } });
  return app;
}

async function expectRefusedToStart(env: Record<string, string>, variable: string, message: RegExp) {
  const instance = await start(env);
  const code = await Promise.race([
    instance.exited,
    new Promise<"still running">((resolve) => setTimeout(() => resolve("still running"), 20_000)),
  ]);
  const output = instance.output();
  expect(code, `exit code; output:\n${output}`).not.toBe("still running");
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toContain("[config] The app cannot start");
  expect(output).toContain(variable);
  expect(output).toMatch(message);
  for (const secret of keyMaterial(env.CREDENTIAL_ENCRYPTION_KEYS ?? "")) {
    if (secret) expect(output, "key material in the output").not.toContain(secret);
  }
}

test("the example key from .env.example is refused in production", async () => {
  await expectRefusedToStart(
    { CREDENTIAL_ENCRYPTION_KEYS: exampleKeyRing() },
    "CREDENTIAL_ENCRYPTION_KEYS",
    /uses the example key from \.env\.example/,
  );
});

test("a key of the wrong length is refused", async () => {
  const ring = `short:${randomBytes(16).toString("base64")}`;
  await expectRefusedToStart(
    { CREDENTIAL_ENCRYPTION_KEYS: ring },
    "CREDENTIAL_ENCRYPTION_KEYS",
    /entry 1 \("short"\): the key must be 32 random bytes in base64/,
  );
});

test("a malformed entry (no key id) is refused, without echoing it or the valid key beside it", async () => {
  const ring = `${newKeyEntry("current")},${randomBytes(32).toString("base64")}`;
  await expectRefusedToStart(
    { CREDENTIAL_ENCRYPTION_KEYS: ring },
    "CREDENTIAL_ENCRYPTION_KEYS",
    /entry 2: expected "keyId:base64key"/,
  );
});

test("a CLICKUP_TIMEOUT_MS that is not a number is refused", async () => {
  const ring = newKeyEntry("current");
  await expectRefusedToStart(
    { CREDENTIAL_ENCRYPTION_KEYS: ring, CLICKUP_TIMEOUT_MS: "abc" },
    "CLICKUP_TIMEOUT_MS",
    /CLICKUP_TIMEOUT_MS: must be a whole number/,
  );
});

test("a valid key ring starts and serves pages, printing no key material", async () => {
  const ring = newKeyEntry("current");
  const instance = await start({ CREDENTIAL_ENCRYPTION_KEYS: ring });
  await instance.waitUntilServing("/setup", 30_000);
  // A new installation: every page leads to admin setup.
  const response = await fetch(`${instance.url}/sources/new/clickup`);
  expect(response.status).toBe(200);
  expect(response.url).toBe(`${instance.url}/setup`);
  expect(await response.text()).toContain("Set up admin account");
  expect(instance.hasExited()).toBe(false);
  for (const secret of keyMaterial(ring)) expect(instance.output()).not.toContain(secret);
});

test("credentials sealed with a key that is not in the ring are named in the start-up log", async () => {
  const name = `Sealed with a retired key ${randomBytes(3).toString("hex")}`;
  const keptName = `Sealed with the current key ${randomBytes(3).toString("hex")}`;
  const db = new Database(database.file);
  try {
    const insert = db.prepare(
      `INSERT INTO "Credential" (id, connector, name, nameKey, secretCiphertext, secretKeyId, secretLast4, accountId, accountName, accountEmail, lastVerifiedAt, createdAt, updatedAt)
       VALUES (?, 'clickup', ?, ?, 'v1.aaaa.bbbb.cccc', ?, 'abcd', '1001', 'Ada Lovelace', 'ada@example.test', ?, ?, ?)`,
    );
    const now = new Date().toISOString().replace("Z", "+00:00");
    insert.run(randomUUID(), name, name.toLowerCase(), "retired-2024", now, now, now);
    insert.run(randomUUID(), keptName, keptName.toLowerCase(), "current", now, now, now);
  } finally {
    db.close();
  }

  const ring = newKeyEntry("current");
  const instance = await start({ CREDENTIAL_ENCRYPTION_KEYS: ring });
  await instance.waitForOutput(
    /credential\(s\) are encrypted with a key that is not in CREDENTIAL_ENCRYPTION_KEYS/,
    20_000,
  );
  const output = instance.output();
  expect(output).toContain(`"${name}" (key "retired-2024")`);
  expect(output).toMatch(/\[credentials\] 1 credential\(s\)/);
  expect(output).not.toContain(keptName);
  expect(instance.hasExited()).toBe(false);
  for (const secret of keyMaterial(ring)) expect(output).not.toContain(secret);
});
