// `npm run bench:watch-revocation` (after `npm run build`; issue #28, "Measured"): how long after
// ClickUp stops accepting a token the signed `credential.broken` webhook arrives, with the watch
// checking every 60 s. The built app (`next start`, one process, a fresh SQLite file) watches N
// credentials; the fake ClickUp revokes each one's token at a random moment within one interval
// (`POST /__fake/token {token, revoked: true}`, as e2e/credential-watch.spec.ts does); a receiver
// on loopback verifies every delivery with the `standardwebhooks` library. Prints p50/p95/max of
// revocation → verified arrival, split into revocation → detected (the credential's stateChangedAt)
// and detected → arrival (the delivery queue). Options: --credentials N (20), --interval S (60),
// --rate R (CREDENTIAL_CHECKS_PER_MINUTE, default 60 as in the app).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

import { insertApiKey } from "./api-save";
import { signInToApp } from "./session";
import { median, migratedDatabase, percentile, root, round, sleep, startFakeClickUp } from "./support";
import {
  addWebhook,
  controlFakeToken,
  FAKE_PORTS,
  saveThroughApi,
  seconds,
  sqliteTime,
  startServer,
  startWebhookReceiver,
} from "./watch-support";

function option(name: string, fallback: number, min: number) {
  const at = process.argv.indexOf(name);
  if (at === -1) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} needs a whole number from ${min}`);
  return value;
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID")))
    throw new Error("No build found: run `npm run build` first.");
  const count = option("--credentials", 20, 1);
  const intervalSeconds = option("--interval", 60, 5);
  // The default global rate unless --rate: at 60 a minute, credentials falling due within the same
  // few seconds are checked one a second, which adds to the delay of the last in line.
  const checksPerMinute = option("--rate", 60, 1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-bench-watch-revocation-"));
  const stops: (() => Promise<void>)[] = [];
  const loadBefore = os.loadavg()[0];
  try {
    const database = migratedDatabase(path.join(dir, "app.db"));
    const fake = await startFakeClickUp(0, FAKE_PORTS);
    stops.push(fake.stop);
    const receiver = await startWebhookReceiver();
    stops.push(receiver.stop);
    const app = await startServer({
      DATABASE_URL: `file:${database}`,
      CREDENTIAL_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
      CLICKUP_API_BASE_URL: fake.url,
      CLICKUP_TIMEOUT_MS: "10000",
      TOKEN_CHECKS_PER_MINUTE: "100000",
      TOKEN_CHECKS_PER_PERSON_PER_MINUTE: "100000",
      CREDENTIAL_CHECK_INTERVAL_SECONDS: String(intervalSeconds),
      CREDENTIAL_CHECKS_PER_MINUTE: String(checksPerMinute),
    });
    stops.push(app.stop);
    console.log(
      `watch revocation → webhook: ${count} credentials, CREDENTIAL_CHECK_INTERVAL_SECONDS=${intervalSeconds}, ` +
        `CREDENTIAL_CHECKS_PER_MINUTE=${checksPerMinute}, npm start with one worker, SQLite (${app.url}), ` +
        `fake ClickUp ${fake.url}, receiver ${receiver.url}; ${os.availableParallelism()} cores, load ${round(loadBefore)}`,
    );
    await signInToApp(app.url, database);
    const key = insertApiKey(database);
    receiver.useSecret(await addWebhook(app.url, key, receiver.url, ["credential.broken"]));

    const run = randomBytes(3).toString("hex");
    const savingFrom = Date.now();
    const credentials: { id: string; token: string; revokedAt?: number }[] = [];
    for (let i = 0; i < count; i += 1) {
      const token = `pk_good_watch_${run}_${i}_${randomBytes(8).toString("hex")}`;
      const saved = await saveThroughApi(app.url, key, `Watched ${run} ${i}`, token);
      credentials.push({ id: saved.id, token });
    }

    // Each token revoked at its own random moment within the next interval, as people regenerate
    // tokens whenever they do: the delay then covers every phase of the schedule.
    const revokingFrom = Date.now();
    console.log(
      `saved in ${seconds(Date.now() - savingFrom)} s; revoking each token at a random moment in the next ${intervalSeconds} s…`,
    );
    await Promise.all(
      credentials.map(async (credential) => {
        await sleep(Math.random() * intervalSeconds * 1000);
        await controlFakeToken(fake.url, credential.token, { revoked: true });
        credential.revokedAt = Date.now();
      }),
    );
    const revokingFor = Date.now() - revokingFrom;

    // Every revocation is due within one interval plus its jitter (a tenth), then the delivery.
    const deadline = Date.now() + intervalSeconds * 1100 + 30_000;
    const arrived = () =>
      new Set(receiver.events.filter((e) => e.type === "credential.broken").map((e) => e.credentialId));
    while (Date.now() < deadline && credentials.some((c) => !arrived().has(c.id))) await sleep(250);

    const db = new Database(database, { readonly: true, fileMustExist: true });
    const detectedAt = new Map(
      (
        db.prepare('SELECT id, "stateChangedAt" FROM "Credential"').all() as { id: string; stateChangedAt: unknown }[]
      ).map((row) => [row.id, sqliteTime(row.stateChangedAt)]),
    );
    db.close();
    const total: number[] = [];
    const detection: number[] = [];
    const delivery: number[] = [];
    for (const credential of credentials) {
      const event = receiver.events.find((e) => e.type === "credential.broken" && e.credentialId === credential.id);
      if (!event || credential.revokedAt === undefined) continue;
      total.push(event.arrivedAt - credential.revokedAt);
      const detected = detectedAt.get(credential.id);
      if (detected) {
        detection.push(detected - credential.revokedAt);
        delivery.push(event.arrivedAt - detected);
      }
    }
    const ids = receiver.events.map((e) => e.id);
    const line = (label: string, ms: number[]) =>
      ms.length
        ? `  ${label.padEnd(34)} p50 ${seconds(median(ms)).padStart(5)} s   p95 ${seconds(percentile(ms, 95)).padStart(5)} s   max ${seconds(Math.max(...ms)).padStart(5)} s`
        : `  ${label.padEnd(34)} —`;
    console.log(
      `\nRevocation → verified webhook, ${total.length} of ${count} arrived (revocations spread over ${seconds(revokingFor)} s; load ${round(loadBefore)} → ${round(os.loadavg()[0])}):`,
    );
    console.log(line("revocation → webhook arrival", total));
    console.log(line("  revocation → detected (check)", detection));
    console.log(line("  detected → arrival (delivery)", delivery));
    console.log(
      `  deliveries failing verification: ${receiver.unverified()}; repeated event ids: ${ids.length - new Set(ids).size}` +
        `; expected from the schedule alone: about ${round(intervalSeconds * 0.55)} s p50, ${round(intervalSeconds * 1.0)} s p95 (checks ${intervalSeconds} s apart, +0–10% jitter)`,
    );
    if (total.length < count) {
      console.error(`${count - total.length} revocation(s) never arrived as a verified webhook.`);
      process.exitCode = 1;
    }
  } finally {
    for (const stop of stops.reverse()) await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
