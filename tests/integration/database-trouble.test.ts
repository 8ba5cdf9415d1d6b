import { spawnSync } from "node:child_process";
import http from "node:http";
import net from "node:net";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it, vi } from "vitest";

import { resolveSqlitePath } from "@/lib/config/startup-rules.mjs";

import { configureApp, generateKeyRingText, setUpIntegrationTests } from "./setup";

// Database trouble an operator meets (a lock held by another program, a full disk, PostgreSQL
// down or restarting, a burst of saves) is answered in plain words and never freezes the process.

// The server actions read the client address through Next; outside a request that throws.
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const { TEST_ADMIN } = await import("./test-database");
  return {
    ...(await importOriginal<typeof import("@/lib/auth/session")>()),
    getSignedInPerson: async () => TEST_ADMIN,
    getSignedInSession: async () => ({ person: TEST_ADMIN, sessionId: "test-session" }),
  };
});

// A short bound, so a save that cannot get the lock gives up within the test's time.
process.env.DATABASE_BUSY_TIMEOUT_MS = "1500";
const { database, clickUp, keyRingText } = await setUpIntegrationTests();
const [actions, db, { DATABASE_MESSAGES }] = await Promise.all([
  import("@/lib/credentials/actions"),
  import("@/lib/db/client"),
  import("@/lib/db/messages"),
]);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const credentialNames = async () =>
  (await database.queryRows<{ name: string }>('SELECT "name" FROM "Credential"')).map((row) => row.name);

/**
 * Runs `work` while a small HTTP server in this process (standing for any route that needs no
 * database) is asked for a page every 20 ms; returns the slowest answer: what a request that needs
 * no database waited at worst meanwhile.
 */
async function slowestDatabaseFreeRequest<T>(work: () => Promise<T>): Promise<{ result: T; slowestMs: number }> {
  const server = http.createServer((_request, response) => response.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`;
  await (await fetch(url)).text(); // warm: the first connection costs more than the rest
  let slowest = 0;
  let inFlightSince: number | undefined;
  let done = false;
  const probing = (async () => {
    while (!done) {
      inFlightSince = performance.now();
      await (await fetch(url)).text();
      slowest = Math.max(slowest, performance.now() - inFlightSince);
      inFlightSince = undefined;
      await pause(20);
    }
  })();
  try {
    const result = await work();
    // A request still unanswered when the work ended has waited at least this long.
    const waiting = inFlightSince === undefined ? 0 : performance.now() - inFlightSince;
    return { result, slowestMs: Math.max(slowest, waiting) };
  } finally {
    done = true;
    await probing;
    server.close();
  }
}

/** Another program (a backup tool, an admin's sqlite3 shell) holding the database's write lock. */
function holdWriteLock() {
  const other = new Database(resolveSqlitePath(database.url), { fileMustExist: true });
  other.exec("BEGIN IMMEDIATE");
  return () => {
    other.exec("ROLLBACK");
    other.close();
  };
}

const save = (name: string) =>
  actions.createCredentialAction("clickup", { name, description: "", apiKey: "pk_good_database_trouble" });

/**
 * The faults these tests cause are logged, as a real one would be: kept from the test output (a
 * passing run reads clean) and checked instead. Console calls are restored after each test.
 */
function captureFaultLogs() {
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
  const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
  return (pattern: RegExp) => expect(errors).toHaveBeenCalledWith(expect.stringMatching(pattern));
}

describe.runIf(database.kind === "sqlite")("the embedded SQLite database locked by another program", () => {
  it("keeps serving other requests, and writes that cannot get the lock in time answer 'busy'", async () => {
    const expectLogged = captureFaultLogs();
    // Saved and edited once first: the first call of each loads and compiles code, which is not what is measured.
    const existing = await save("Edited while locked");
    if (!existing.ok) throw new Error(existing.message);
    const edited = await actions.editCredentialAction({
      id: existing.data.id,
      version: existing.data.version,
      name: "Edited while locked",
      description: "",
    });
    if (!edited.ok) throw new Error(edited.message);
    const { id, version } = edited.data;
    // And each failed once on the lock, for the same reason (the first error loads its own code).
    const warming = holdWriteLock();
    await Promise.all([
      save("Warming up"),
      actions.editCredentialAction({ id, version, name: "Warm", description: "" }),
    ]);
    warming();

    const release = holdWriteLock();
    try {
      // Saves (whose first write is the token-check count) and edits (whose first write is the row).
      const { result, slowestMs } = await slowestDatabaseFreeRequest(() =>
        Promise.all([
          ...Array.from({ length: 3 }, (_, index) => save(`Locked out ${index}`)),
          ...Array.from({ length: 3 }, (_, index) =>
            actions.editCredentialAction({ id, version, name: `Renamed ${index}`, description: "" }),
          ),
        ]),
      );
      console.info(
        `[database-trouble] slowest database-free request while the lock was held: ${Math.round(slowestMs)} ms`,
      );
      expect(slowestMs, "the slowest answer to a request that needs no database").toBeLessThan(1_000);
      expect(result).toEqual(
        result.map(() => ({ ok: false, reason: "database-busy", message: DATABASE_MESSAGES.busy })),
      );
    } finally {
      release();
    }
    expect(await credentialNames()).toEqual(["Edited while locked"]);
    expectLogged(/^\[credentials\] (saving|edit) failed: /);
  }, 60_000);

  it("a save waits out a lock that is released soon, and succeeds", async () => {
    const release = holdWriteLock();
    const saving = save("Waited for the lock");
    await pause(400);
    release();
    expect(await saving).toMatchObject({ ok: true, data: { name: "Waited for the lock" } });
    expect(await credentialNames()).toContain("Waited for the lock");
  });

  it("a full database answers 'out of space', and saves work again once there is room", async () => {
    const expectLogged = captureFaultLogs();
    const { getDb } = db;
    const [{ page_count: pages }] = await getDb().$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    // SQLite's own limit on the file's size: what a full disk looks like to it ("database or disk is full").
    await getDb().$queryRawUnsafe(`PRAGMA max_page_count = ${Number(pages)}`);
    const answers = [];
    for (let index = 0; index < 40; index += 1) {
      const answer = await actions.createCredentialAction("clickup", {
        name: `Filling ${index}`,
        description: "x".repeat(400),
        apiKey: "pk_good_database_full",
      });
      answers.push(answer);
      if (!answer.ok) break;
    }
    expect(answers.at(-1)).toEqual({
      ok: false,
      reason: "database-out-of-space",
      message: DATABASE_MESSAGES.outOfSpace,
    });
    await getDb().$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    expect(await save("After the disk was freed")).toMatchObject({ ok: true });
    expectLogged(/^\[credentials\] saving failed: .*database or disk is full/s);
  });
});

describe.runIf(database.kind === "postgresql")("PostgreSQL under a burst, and restarting", () => {
  afterEach(() => clickUp.requests.splice(0));

  it("transactions beyond the connection pool wait their turn instead of failing", async () => {
    // 120 transactions holding a connection for 0.25 s each, on a pool of 10: the last wait ~3 s for
    // a connection, longer than Prisma's own wait for one (2 s); each must still run.
    process.env.DATABASE_BUSY_TIMEOUT_MS = "30000";
    await configureApp({ databaseUrl: database.url, clickUpBaseUrl: clickUp.baseUrl, keyRingText });
    const fresh = await import("@/lib/db/client");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 120 }, () => fresh.inTransaction((tx) => tx.$queryRaw`SELECT pg_sleep(0.25)::text`)),
    );
    const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [String(outcome.reason)] : []));
    expect(failures.slice(0, 3)).toEqual([]);
  }, 60_000);

  it("a read whose connection is dropped (PostgreSQL restarting) is retried once and answers", async () => {
    const { getDb } = await import("@/lib/db/client");
    const reading = getDb().$queryRaw<{ answer: number }[]>`SELECT 42 AS answer, pg_sleep(2)::text AS "dropMe"`.catch(
      (error: unknown) => `failed: ${String(error)}`,
    );
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    let dropped = false;
    try {
      // What a restart does to the connections open at that moment.
      for (let tries = 0; tries < 200 && !dropped; tries += 1) {
        const { rows } = await admin.query<{ dropped: boolean }>(
          `SELECT pg_terminate_backend(pid) AS dropped FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%"dropMe"%' AND pid <> pg_backend_pid()`,
        );
        dropped = rows.some((row) => row.dropped);
        if (!dropped) await pause(20);
      }
    } finally {
      await admin.end();
    }
    expect(dropped, "the read's connection was dropped while it ran").toBe(true);
    expect(await reading).toEqual([{ answer: 42, dropMe: "" }]);
  }, 20_000);
});

describe("PostgreSQL that cannot be reached", () => {
  it("a save answers 'unreachable', not the message for bugs", async () => {
    const expectLogged = captureFaultLogs();
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    await configureApp({
      databaseUrl: `postgresql://app@127.0.0.1:${closedPort}/credentials`,
      clickUpBaseUrl: clickUp.baseUrl,
      keyRingText: generateKeyRingText(),
    });
    const freshActions = await import("@/lib/credentials/actions");
    const { DATABASE_MESSAGES: messages } = await import("@/lib/db/messages");
    const result = await freshActions.createCredentialAction("clickup", {
      name: "Nowhere to go",
      description: "",
      apiKey: "pk_good_unreachable",
    });
    expect(result).toEqual({ ok: false, reason: "database-unreachable", message: messages.unreachable });
    expectLogged(/^\[credentials\] saving failed: /);
  });
});

describe.runIf(database.kind === "postgresql")("npm start on PostgreSQL that refuses its sign-in", () => {
  it("says so in plain words, retries, and gives up after DATABASE_START_TIMEOUT_MS", () => {
    const url = new URL(database.url);
    url.username = "no_such_role";
    url.password = "never-printed-password";
    const started = spawnSync(process.execPath, ["server/start.mjs"], {
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: url.toString(), DATABASE_START_TIMEOUT_MS: "1500", PORT: "3301" },
    });
    const output = `${started.stdout}${started.stderr}`;
    expect(started.status, output).toBe(1);
    expect(output).toMatch(/\(user no_such_role\) refused the user name or password in DATABASE_URL\. Trying again/);
    expect(output).toMatch(/Giving up: .* refused the user name or password/);
    expect(output).not.toContain("never-printed-password");
  }, 60_000);
});
