// `npm run credentials:check -- <id> | --all`: checks credentials with their connector now, as the
// watch does on its schedule (lib/credential-watch/check-credential.ts: ClickUp's /user, then /team
// — two calls per credential), records what it found (state, Activity, alerts) and prints it. Runs
// beside a serving app: a check it makes moves the credential's next scheduled check one interval on.
import fs from "node:fs";

import { ConfigurationError } from "@/lib/config/env";
import { checkCredential } from "@/lib/credential-watch/check-credential";
import { getDb } from "@/lib/db/client";

const USAGE = "Usage: npm run credentials:check -- <credential id> | --all";

async function main() {
  if (fs.existsSync(".env")) process.loadEnvFile(".env");
  const [target, ...rest] = process.argv.slice(2);
  if (!target || rest.length > 0) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const ids =
    target === "--all"
      ? (await getDb().credential.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })).map(
          (row) => row.id,
        )
      : [target];
  let troubled = 0;
  for (const id of ids) {
    const result = await checkCredential(id, "command");
    if (!result.ok) {
      console.error(
        result.reason === "not-found" ? `${id}: no such credential.` : `${id}: changed while checking; run it again.`,
      );
      troubled += 1;
      continue;
    }
    const row = await getDb().credential.findUnique({ where: { id }, select: { name: true, stateReason: true } });
    const change = result.changed ? " (changed)" : "";
    console.log(
      `${id} "${row?.name ?? ""}": ${result.state}${change}${row?.stateReason ? ` — ${row.stateReason}` : ""}`,
    );
    if (result.state !== "ok") troubled += 1;
  }
  console.log(`Checked ${ids.length} credential(s); ${troubled} not ok.`);
  if (troubled > 0) process.exitCode = 1;
  await getDb().$disconnect();
}

main().catch((error) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
