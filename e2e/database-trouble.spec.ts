import net from "node:net";
import Database from "better-sqlite3";

import {
  freePort,
  migratedDatabase,
  newKeyEntry,
  setUpAdmin,
  startApp,
  type AppInstance,
} from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { fakeToken, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// Database trouble an operator meets, against the built app on a database of its own: a SQLite
// file locked by another program (a backup tool, an admin's sqlite3 shell) while the app serves,
// and while it starts; PostgreSQL that cannot be reached at start-up. Ports 3300-3319 are this
// spec's (other specs start theirs in 3320-3399).
test.describe.configure({ timeout: 180_000 });

let app: AppInstance | undefined;
const databases: ReturnType<typeof migratedDatabase>[] = [];
test.afterEach(async () => {
  await app?.stop();
  app = undefined;
  for (const database of databases.splice(0)) database.remove();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Another program holding the database's write lock: readers go on, writers must wait. */
function holdWriteLock(file: string) {
  const holder = new Database(file, { fileMustExist: true });
  holder.exec("BEGIN IMMEDIATE");
  return () => {
    holder.exec("ROLLBACK");
    holder.close();
  };
}

test("with the database locked, requests keep being answered and a save says the database is busy", async ({
  page,
}) => {
  const database = migratedDatabase("locked-serving");
  databases.push(database);
  app = startApp({
    port: await freePort(3300, 3319),
    via: "next-start",
    env: {
      NODE_ENV: "production",
      DATABASE_URL: database.url,
      CREDENTIAL_ENCRYPTION_KEYS: newKeyEntry("e2e"),
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      DATABASE_BUSY_TIMEOUT_MS: "3000",
    },
  });
  await app.waitUntilServing("/setup");
  await setUpAdmin(page, app.url, undefined, app.output);
  await page.goto(`${app.url}/sources/new/clickup`);
  await page.getByRole("button", { name: "Add Credential" }).click();
  const dialog = page.getByRole("dialog", { name: "Add New Credential" });
  const name = uniqueName("Saved after the lock");
  await page.getByLabel("Credential Name").fill(name);
  await page.getByLabel("API Key").fill(fakeToken("good"));

  const release = holdWriteLock(database.file);
  let slowestMs = 0;
  try {
    await dialog.getByRole("button", { name: "Save" }).click();
    // Meanwhile, a request that needs no database, again and again until the save has answered.
    const answered = expect(dialog.getByRole("alert")).toContainText("The database is busy", { timeout: 20_000 });
    let saving = true;
    answered.then(
      () => (saving = false),
      () => (saving = false),
    );
    while (saving) {
      const started = performance.now();
      expect((await fetch(`${app.url}/robots.txt`)).status).toBe(200);
      slowestMs = Math.max(slowestMs, performance.now() - started);
      await pause(50);
    }
    await answered;
  } finally {
    release();
  }
  console.info(`[database-trouble] slowest /robots.txt while the lock was held: ${Math.round(slowestMs)} ms`);
  expect(slowestMs, "the slowest answer to a request that needs no database").toBeLessThan(1_000);

  // The lock is gone: the same overlay, still filled in, saves.
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("radio", { name })).toHaveAttribute("aria-checked", "true");
});

test("npm start waits for a locked database, saying so, and serves once the lock is gone", async () => {
  const database = migratedDatabase("locked-start");
  databases.push(database);
  // Exclusive: what an admin's sqlite3 shell or a copying tool can hold; even reading must wait.
  const holder = new Database(database.file, { fileMustExist: true });
  holder.pragma("locking_mode = EXCLUSIVE");
  holder.exec("BEGIN EXCLUSIVE");
  try {
    app = startApp({
      port: await freePort(3300, 3319),
      via: "start-script",
      env: {
        DATABASE_URL: database.url,
        CREDENTIAL_ENCRYPTION_KEYS: newKeyEntry("e2e"),
        DATABASE_START_TIMEOUT_MS: "120000",
      },
    });
    await app.waitForOutput(/is locked by another program.*Trying again for up to \d+ s/, 60_000);
    await pause(3_000);
    expect(app.hasExited(), `still waiting; output:\n${app.output()}`).toBe(false);
  } finally {
    holder.exec("ROLLBACK");
    holder.close();
  }
  await app.waitUntilServing("/setup", 150_000);
  expect(app.output()).not.toMatch(/WASM_ERROR|SocketTimeout/);
});

test("npm start says PostgreSQL cannot be reached, retries, and gives up after DATABASE_START_TIMEOUT_MS", async () => {
  const closedPort = await new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const password = "do-not-print-this-password";
  app = startApp({
    port: await freePort(3300, 3319),
    via: "start-script",
    env: {
      DATABASE_URL: `postgresql://app:${password}@127.0.0.1:${closedPort}/credentials`,
      CREDENTIAL_ENCRYPTION_KEYS: newKeyEntry("e2e"),
      DATABASE_START_TIMEOUT_MS: "4000",
    },
  });
  const code = await Promise.race([app.exited, pause(90_000).then(() => "still running" as const)]);
  const output = app.output();
  expect(code, output).not.toBe("still running");
  expect(code).not.toBe(0);
  expect(output).toContain(
    `PostgreSQL database "credentials" at 127.0.0.1:${closedPort} (user app) cannot be reached (ECONNREFUSED): is it running? Trying again`,
  );
  expect(output).toMatch(/Giving up: .* cannot be reached .* Tried for 4 s \(DATABASE_START_TIMEOUT_MS\)/);
  expect(output).not.toContain(password);
});
