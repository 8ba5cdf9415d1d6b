// A separate app process for tests/integration/rate-limit.test.ts, run with
//   tsx --conditions=react-server tests/integration/rate-limit-worker.ts <key> <calls> <limit> <nowMs> <startAtMs>
// (DATABASE_URL in its environment). Waits until startAtMs so two workers fire together, makes
// <calls> concurrent consumeRateLimit calls at the fixed time nowMs, and prints how many were allowed.
import { getDb } from "@/lib/db/client";
import { consumeRateLimit } from "@/lib/security/rate-limit";

async function main() {
  const [key, calls, limit, nowMs, startAtMs] = process.argv.slice(2);
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtMs) - Date.now())));
  const now = new Date(Number(nowMs));
  const decisions = await Promise.all(
    Array.from({ length: Number(calls) }, () => consumeRateLimit(key, Number(limit), 60_000, now)),
  );
  process.stdout.write(JSON.stringify({ allowed: decisions.filter((decision) => decision.allowed).length }));
  await getDb().$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
