// A separate app process for tests/integration/clickup-budget.test.ts, run with
//   tsx --conditions=react-server tests/integration/clickup-budget-worker.ts <token> <credentialId> <callers> <limit> <maxWaitMs> <startAtMs>
// (DATABASE_URL, CREDENTIAL_ENCRYPTION_KEYS and CLICKUP_API_BASE_URL in its environment). Waits
// until startAtMs so two processes reserve together, then runs <callers> concurrent callers: each
// reserves a call in the token's rate budget, calls the fake ClickUp's /api/v2/user when it got
// one, and settles with the answer. Prints what each caller got.
import { reserveClickUpCall } from "@/lib/clickup-budget/reserve-call";
import { getEnv } from "@/lib/config/env";
import { getDb } from "@/lib/db/client";

async function main() {
  const [token, credentialId, callers, limit, maxWaitMs, startAtMs] = process.argv.slice(2);
  await getDb().$connect();
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtMs) - Date.now())));
  const results = await Promise.all(
    Array.from({ length: Number(callers) }, async () => {
      const reservation = await reserveClickUpCall({
        token,
        limitPerMinute: Number(limit),
        use: { credentialId, purpose: "proxy" },
        maxWaitMs: Number(maxWaitMs),
      });
      if (!reservation.ok) return { ok: false, retryAfterSeconds: reservation.retryAfterSeconds };
      const answer = await fetch(`${getEnv().CLICKUP_API_BASE_URL}/api/v2/user`, {
        headers: { Authorization: token },
      });
      await answer.arrayBuffer();
      await reservation.settle({ status: answer.status, headers: answer.headers });
      return { ok: true, waitedMs: reservation.waitedMs, status: answer.status };
    }),
  );
  process.stdout.write(JSON.stringify(results));
  await getDb().$disconnect();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
