import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { freePort, startApp, type AppInstance } from "./support/app-instance";
import { expect, test } from "./support/test";

// `npm start` on a data folder that does not exist yet, as on a first install: the folder is the
// owner's alone (0700), and the database, SQLite's -wal and -shm files beside it and the
// encryption key file are owner-only (0600). Start-up warns about any that others can read.
// The tests build on each other: the second starts again on the folder the first created.
test.describe.configure({ mode: "serial", timeout: 180_000 });

let root: string;
let app: AppInstance | undefined;
const dataDir = () => path.join(root, "data");
const file = (name: string) => path.join(dataDir(), name);
const mode = (target: string) => (fs.statSync(target).mode & 0o777).toString(8);

test.beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-data-files-"));
});
test.afterEach(async () => {
  await app?.stop();
  app = undefined;
});
test.afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function startOnDataFolder(): Promise<AppInstance> {
  // The usual umask, under which files are created readable by everyone unless the app says otherwise.
  process.umask(0o022);
  app = startApp({
    port: await freePort(3380, 3399),
    via: "start-script",
    env: { DATABASE_URL: `file:${file("app.db")}` },
  });
  // A new installation: the page answers once migrations ran and the server opened the database.
  await app.waitUntilServing("/setup", 150_000);
  return app;
}

test("a fresh data folder is created owner-only, and so are the database, its -wal and -shm and the key", async () => {
  expect(fs.existsSync(dataDir())).toBe(false);
  const instance = await startOnDataFolder();
  expect(fs.existsSync(file("app.db-wal")), "SQLite's write-ahead log").toBe(true);
  expect({
    folder: mode(dataDir()),
    database: mode(file("app.db")),
    wal: mode(file("app.db-wal")),
    shm: mode(file("app.db-shm")),
    key: mode(file("credential-encryption.key")),
  }).toEqual({ folder: "700", database: "600", wal: "600", shm: "600", key: "600" });
  expect(instance.output()).not.toContain("readable by other users");
});

test("start-up warns, naming each file others can read and the command that fixes it", async () => {
  fs.chmodSync(dataDir(), 0o755);
  fs.chmodSync(file("app.db"), 0o644);
  // SQLite may delete -wal and -shm on a clean close; those it creates again take the database's
  // mode, so either way they are loose now.
  for (const name of ["app.db-wal", "app.db-shm"]) if (fs.existsSync(file(name))) fs.chmodSync(file(name), 0o640);
  const instance = await startOnDataFolder();
  await instance.waitForOutput(/readable by other users/, 30_000);
  const output = instance.output();
  expect(output).toContain(`chmod 700 ${dataDir()}`);
  for (const name of ["app.db", "app.db-wal", "app.db-shm"]) expect(output).toContain(`chmod 600 ${file(name)}`);
  // A warning, not a refusal: the app goes on serving.
  expect(instance.hasExited()).toBe(false);
  expect((await fetch(`${instance.url}/setup`)).status).toBe(200);
});
