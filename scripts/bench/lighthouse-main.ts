// `npm run bench:lighthouse`: benchmark 9 on its own (it is also part of `npm run bench`). Needs a
// build. Starts its own fake ClickUp and app, signs in, stores a few credentials so the
// Authenticate screen has tiles, and audits it beside /sign-in.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { seedUpTo } from "./authenticate-scale";
import { benchLighthouse } from "./lighthouse";
import { signInToApp } from "./session";
import { migratedDatabase, startApp, startFakeClickUp } from "./support";

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clickup-lighthouse-"));
  const db = migratedDatabase(path.join(dir, "app.db"));
  const fake = await startFakeClickUp(100);
  const app = await startApp({
    DATABASE_URL: `file:${db}`,
    CREDENTIAL_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    CLICKUP_API_BASE_URL: fake.url,
  });
  try {
    await signInToApp(app.url, db);
    seedUpTo(db, 5, "bench");
    const load = os.loadavg()[0].toFixed(2);
    const { figures, details } = await benchLighthouse(app.url, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
    for (const f of figures)
      console.log(
        `${f.figure.padEnd(50)} ${String(f.value).padStart(8)} ${f.unit}${f.pass === undefined ? "" : f.pass ? "  pass" : "  FAIL"}`,
      );
    console.log(`load average before: ${load}, after: ${os.loadavg()[0].toFixed(2)}`);
    console.log(JSON.stringify(details));
  } finally {
    await app.stop();
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
