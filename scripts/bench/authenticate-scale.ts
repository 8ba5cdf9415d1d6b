// Benchmark 3: server response time of the Authenticate screen with 1 to 10,000 credentials stored.
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";

import { ownerId } from "./session";
import { cpuMs, figure, median, round, type Figure } from "./support";

const COUNTS = [1, 100, 1_000, 10_000];
const WARM_UP = 3;
const REQUESTS = 15;

/** Empties the app's tables (earlier benchmarks saved credentials into them). */
export function emptyDatabase(file: string) {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.exec(
      'DELETE FROM "Endpoint"; DELETE FROM "CredentialShare"; DELETE FROM "CredentialEvent"; DELETE FROM "Credential"; DELETE FROM "RateLimitWindow";',
    );
  } finally {
    db.close();
  }
}

/** Adds credentials until `total` are stored; rows are listed, never decrypted, so the ciphertext is dummy. */
export function seedUpTo(file: string, total: number, keyId: string) {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const have = (db.prepare('SELECT COUNT(*) AS n FROM "Credential"').get() as { n: number }).n;
    const insert = db.prepare(
      'INSERT INTO "Credential" (id, connector, name, "nameKey", description, "secretCiphertext", "secretKeyId", "secretLast4", "accountId", "accountName", "accountEmail", "lastVerifiedAt", "createdAt", "updatedAt", "ownerId") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      for (let i = have; i < total; i += 1) {
        const name = `Seeded ${String(i).padStart(5, "0")}`;
        const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).getTime();
        insert.run(
          randomUUID(),
          "clickup",
          name,
          name.toLowerCase(),
          `Seeded credential ${i}`,
          "v1.dummy.dummy.dummy",
          keyId,
          "seed",
          "1001",
          "Ada Lovelace",
          "ada@example.test",
          at,
          at,
          at,
          ownerId,
        );
      }
    })();
  } finally {
    db.close();
  }
}

async function timeGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { redirect: "manual" });
  await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
  return performance.now() - started;
}

export async function benchAuthenticateScale(
  baseUrl: string,
  serverPid: number,
  dbFile: string,
  keyId: string,
): Promise<{ figures: Figure[]; details: object }> {
  const url = `${baseUrl}/sources/new/clickup`;
  const medians: Record<number, number> = {};
  const cpuPerRequest: Record<number, number> = {};
  for (const count of COUNTS) {
    seedUpTo(dbFile, count, keyId);
    for (let i = 0; i < WARM_UP; i += 1) await timeGet(url);
    const ms = [];
    const cpuBefore = cpuMs(serverPid);
    for (let i = 0; i < REQUESTS; i += 1) ms.push(await timeGet(url));
    cpuPerRequest[count] = round((cpuMs(serverPid) - cpuBefore) / REQUESTS, 1);
    medians[count] = round(median(ms));
  }
  const name = "3. Authenticate at scale";
  const figures = [
    ...COUNTS.map((count) =>
      figure(name, `GET median, ${count.toLocaleString("en")} credentials`, medians[count], "ms"),
    ),
    figure(name, "10,000 / 100 credentials", round(medians[10_000] / medians[100], 3), "×", 3),
    figure(name, "server CPU per GET, 100 credentials", cpuPerRequest[100], "ms"),
    figure(name, "server CPU per GET, 10,000 credentials", cpuPerRequest[10_000], "ms"),
  ];
  return {
    figures,
    details: { warmUpRequests: WARM_UP, requests: REQUESTS, medianMs: medians, serverCpuMsPerRequest: cpuPerRequest },
  };
}
