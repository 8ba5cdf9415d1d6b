// A separate app process for tests/integration/credential-watch.test.ts, run with
//   tsx --conditions=react-server tests/integration/watch-claim-worker.ts <nowMs> <startAtMs>
// (DATABASE_URL in its environment). Waits until startAtMs so two processes claim together, then
// claims due checks in small batches, as the watch loop does, until none is left, and prints the
// ids it won.
import { claimDueChecks } from "@/lib/credential-watch/claim-due-checks";
import { getDb } from "@/lib/db/client";

async function main() {
  const [nowMs, startAtMs] = process.argv.slice(2);
  const now = new Date(Number(nowMs));
  await getDb().$connect();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtMs) - Date.now())));
  const won: string[] = [];
  for (;;) {
    const batch = await claimDueChecks(4, now, { intervalMs: 60_000 });
    if (batch.length === 0) break;
    won.push(...batch);
  }
  process.stdout.write(JSON.stringify(won));
  await getDb().$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
