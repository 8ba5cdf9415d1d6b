// Benchmark 7: POST /api/v1/credentials beside the Save action, one at a time and interleaved, in
// one run against the same server and the fake ClickUp answering after 100 ms — the API's cost
// over the page's (key lookup, JSON, problem mapping) on the same command.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import Database from "better-sqlite3";

import { postSave } from "./concurrency";
import { ownerId } from "./session";
import { figure, median, percentile, round, type Figure } from "./support";

const SAVES = 60;

/** A key for the signed-in owner, written as the app writes one (only its SHA-256). */
export function insertApiKey(dbFile: string): string {
  const key = `cuk_${randomBytes(32).toString("base64url")}`;
  const db = new Database(dbFile, { fileMustExist: true });
  try {
    db.prepare(
      'INSERT INTO "ApiKey" (id, "userId", name, prefix, "keyHash", "createdAt") VALUES (?, ?, ?, ?, ?, ?)',
    ).run(randomUUID(), ownerId, "bench", key.slice(0, 12), createHash("sha256").update(key).digest("hex"), Date.now());
  } finally {
    db.close();
  }
  return key;
}

export async function postApi(baseUrl: string, key: string, name: string) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/credentials`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({
      connector: "clickup",
      name,
      description: "Saved by npm run bench",
      apiKey: `pk_slow_${randomBytes(12).toString("hex")}`,
    }),
  });
  const body = await response.text();
  return {
    ms: performance.now() - started,
    ok: response.status === 201,
    problem: `${response.status} ${body.slice(0, 200)}`,
  };
}

export async function benchApiSave(
  baseUrl: string,
  dbFile: string,
  actionId: string,
): Promise<{ figures: Figure[]; details: object }> {
  const key = insertApiKey(dbFile);
  const run = randomBytes(3).toString("hex");
  for (let i = 0; i < 5; i += 1) {
    await postApi(baseUrl, key, `API warm-up ${run} ${i}`);
    await postSave(baseUrl, actionId, `Action warm-up ${run} ${i}`);
  }
  const api: number[] = [];
  const action: number[] = [];
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < SAVES; i += 1) {
    const viaApi = await postApi(baseUrl, key, `API ${run} ${i}`);
    const viaAction = await postSave(baseUrl, actionId, `Action ${run} ${i}`);
    for (const result of [viaApi, viaAction]) if (!result.ok) throw new Error(`a save failed: ${result.problem}`);
    api.push(viaApi.ms);
    action.push(viaAction.ms);
  }
  const name = "7. API save";
  const stats = (ms: number[]) => ({ p50: round(median(ms)), p95: round(percentile(ms, 95)) });
  const details = { saves: SAVES, api: stats(api), action: stats(action) };
  return {
    figures: [
      figure(name, "POST /api/v1/credentials p50", details.api.p50, "ms"),
      figure(name, "POST /api/v1/credentials p95", details.api.p95, "ms"),
      figure(name, "Save action p50", details.action.p50, "ms"),
      figure(name, "Save action p95", details.action.p95, "ms"),
    ],
    details,
  };
}
