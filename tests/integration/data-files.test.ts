import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { configureApp, disconnectApp, generateKeyRingText } from "./setup";

// The embedded database holds names, emails and ciphertexts, beside the encryption key file: its
// folder and files are the owner's alone, whoever opens it first (here the app itself; on
// `npm start` the migrations, see e2e/data-files.spec.ts).

const root = fs.mkdtempSync(path.join(os.tmpdir(), "credentials-data-files-"));
const dataDir = path.join(root, "nested", "data");
const file = (name: string) => path.join(dataDir, name);
const mode = (target: string) => (fs.statSync(target).mode & 0o777).toString(8);
let previousUmask: number;

beforeAll(async () => {
  // The usual umask, under which files are created readable by everyone unless the app says otherwise.
  previousUmask = process.umask(0o022);
  await configureApp({
    databaseUrl: `file:${file("app.db")}`,
    clickUpBaseUrl: "http://127.0.0.1:9",
    keyRingText: generateKeyRingText(),
  });
});
afterAll(async () => {
  await disconnectApp();
  process.umask(previousUmask);
  fs.rmSync(root, { recursive: true, force: true });
});

describe("the SQLite data folder", () => {
  it("is created owner-only when it does not exist, with the database and its -wal and -shm", async () => {
    const { getDb } = await import("@/lib/db/client");
    await getDb().$queryRawUnsafe("SELECT 1");
    expect({
      folder: mode(dataDir),
      database: mode(file("app.db")),
      wal: mode(file("app.db-wal")),
      shm: mode(file("app.db-shm")),
    }).toEqual({ folder: "700", database: "600", wal: "600", shm: "600" });
  });

  it("start-up says nothing when all is owner-only, and names each file others can read", async () => {
    const { warnAboutLooseDataFiles } = await import("@/lib/db/data-files");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    warnAboutLooseDataFiles();
    expect(warn).not.toHaveBeenCalled();

    fs.chmodSync(dataDir, 0o750);
    fs.chmodSync(file("app.db"), 0o644);
    fs.chmodSync(file("app.db-shm"), 0o604);
    warnAboutLooseDataFiles();
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0][0]);
    expect(message).toContain("readable by other users");
    expect(message).toContain(`chmod 700 ${dataDir}`);
    expect(message).toContain(`chmod 600 ${file("app.db")}`);
    expect(message).toContain(`chmod 600 ${file("app.db-shm")}`);
    expect(message).not.toContain(`chmod 600 ${file("app.db-wal")}`);
  });
});
