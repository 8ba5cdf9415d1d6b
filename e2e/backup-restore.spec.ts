import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { freePort, projectRoot, setUpAdmin, startApp, type AppInstance } from "./support/app-instance";
import { E2E } from "./support/e2e-env";
import { addCredential, fakeRequestsWith, fakeToken, uniqueName } from "./support/helpers";
import { expect, test } from "./support/test";

// Issue #14: save through the UI on an app with the embedded default (SQLite, key file), back it
// up with `npm run db:backup` while that app serves, restore into a fresh location with
// `npm run db:restore`, start the app there, sign in, and Verify now sends the original token.
test.describe.configure({ timeout: 300_000 });

const ADMIN = { name: "Backup Admin", email: "backup.admin@example.test", password: "backup admin passphrase" };
let root: string;
const running: AppInstance[] = [];

test.beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-backup-"));
});
test.afterAll(async () => {
  for (const app of running) await app.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

async function startOn(databaseFile: string): Promise<AppInstance> {
  const app = startApp({
    port: await freePort(3320, 3399),
    via: "start-script",
    // No CREDENTIAL_ENCRYPTION_KEYS: the embedded default, with its key file beside the database.
    env: {
      DATABASE_URL: `file:${databaseFile}`,
      CLICKUP_API_BASE_URL: E2E.fakeClickUpUrl,
      CLICKUP_TIMEOUT_MS: "5000",
      TOKEN_CHECKS_PER_MINUTE: "100000",
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
    },
  });
  running.push(app);
  await app.waitUntilServing("/sign-in", 150_000);
  return app;
}

function npmRun(args: string[], databaseFile: string): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${databaseFile}` };
  delete env.CREDENTIAL_ENCRYPTION_KEYS;
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "-s", ...args], { cwd: projectRoot, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

test("a backup taken while the app serves restores into a fresh location, where Verify now sends the original token", async ({
  browser,
}) => {
  const original = path.join(root, "original", "data", "app.db");
  const restored = path.join(root, "restored", "data", "app.db");
  const backupFolder = path.join(root, "backup");
  const name = uniqueName("Backed up");
  const token = fakeToken("good");

  const first = await startOn(original);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await setUpAdmin(page, first.url, ADMIN);
  await addCredential(page, `${first.url}/sources/new/clickup`, { name, apiKey: token });

  // Back up while the app keeps answering requests (each must succeed).
  let serving = true;
  const answers: number[] = [];
  const load = (async () => {
    while (serving) answers.push((await fetch(`${first.url}/sign-in`)).status);
  })();
  const backup = await npmRun(["db:backup", "--", backupFolder], original);
  serving = false;
  await load;
  expect(backup.code, backup.output).toBe(0);
  expect(answers.length).toBeGreaterThan(0);
  expect(answers.every((status) => status === 200)).toBe(true);
  expect(backup.output).toContain("1 credentials");
  expect(backup.output).not.toContain(token);

  const restore = await npmRun(["db:restore", "--", backupFolder], restored);
  console.log(`[backup-restore e2e] db:restore said:\n${restore.output}`);
  expect(restore.code, restore.output).toBe(0);
  expect(restore.output).toContain("ok   Credentials: 1 restored, 1 in the backup.");
  expect(restore.output).toContain("ok   Every token decrypts: 1 of 1, with the key file");
  expect(restore.output).not.toContain(token);
  await first.stop();

  const second = await startOn(restored);
  await context.clearCookies();
  await page.goto(`${second.url}/sign-in`);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);

  await page.goto(`${second.url}/credentials`);
  await page.getByRole("link", { name }).click();
  const sentBefore = (await fakeRequestsWith(token)).length;
  await page.getByRole("button", { name: "Verify now" }).click();
  await expect(page.getByRole("status")).toHaveText("ClickUp confirmed the token.");
  const sent = await fakeRequestsWith(token);
  expect(sent.length).toBe(sentBefore + 1);
  expect(sent.at(-1)).toMatchObject({ path: "/api/v2/user", authorization: token });
  await context.close();
});
