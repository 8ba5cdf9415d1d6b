import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, it, vi } from "vitest";

import { setUpIntegrationTests, testCaller } from "./setup";

// The watch loop (lib/credential-watch/watch-loop.ts) keeps the pace CREDENTIAL_CHECKS_PER_MINUTE
// allows when ClickUp takes its time: checks a second are bounded by the rate, not by how many the
// loop starts per tick. (npm run bench:watch-sweep measures the same at 10,000 credentials.)

vi.setConfig({ testTimeout: 120_000 });
const RATE_PER_MINUTE = 6000;
const CLICKUP_ANSWER_MS = 100;
const COUNT = 160;
const { clickUp } = await setUpIntegrationTests({
  credentialCheckIntervalSeconds: 3600,
  credentialChecksPerMinute: RATE_PER_MINUTE,
});
const [{ createCredential }, { startCredentialWatch }, dbModule] = await Promise.all([
  import("@/lib/credentials/create-credential"),
  import("@/lib/credential-watch/watch-loop"),
  import("@/lib/db/client"),
]);
const db = dbModule.getDb();

/** A few at a time: a busy machine's database should not make the setup fail ("busy"). */
async function saveCredentials(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < count; from += 4) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(4, count - from) }, async (_, i) => {
        const created = await createCredential(testCaller, {
          connector: "clickup",
          name: `Paced ${from + i} ${randomBytes(3).toString("hex")}`,
          apiKey: `pk_good_${randomBytes(10).toString("hex")}`,
        });
        if (!created.ok) throw new Error(created.message);
        return created.data.id;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}

it(`${COUNT} due credentials at ${RATE_PER_MINUTE} checks a minute, ClickUp answering in ${CLICKUP_ANSWER_MS} ms: all checked within 14 s (the rate allows it in ${(COUNT * 60) / RATE_PER_MINUTE} s; 8 a second, as the loop once ran, would take 20 s), each once`, async () => {
  const ids = await saveCredentials(COUNT);
  clickUp.beforeAnswer = () => sleep(CLICKUP_ANSWER_MS);
  await db.credential.updateMany({ where: { id: { in: ids } }, data: { nextCheckAt: new Date(Date.now() - 1000) } });
  const checked = () => db.credentialCheck.count({ where: { credentialId: { in: ids }, trigger: "schedule" } });

  const watch = startCredentialWatch(() => {});
  const startedAt = Date.now();
  try {
    while ((await checked()) < COUNT && Date.now() - startedAt < 14_000) await sleep(100);
    const took = Date.now() - startedAt;
    expect({ checked: await checked(), withinFourteenSeconds: took < 14_000 }).toEqual({
      checked: COUNT,
      withinFourteenSeconds: true,
    });
  } finally {
    watch.stop();
    // Checks already started finish (the loop does not wait for them): let them, before the database closes.
    await sleep(2 * CLICKUP_ANSWER_MS + 500);
  }
  const perCredential = await db.credentialCheck.groupBy({
    by: ["credentialId"],
    where: { credentialId: { in: ids }, trigger: "schedule" },
    _count: true,
  });
  expect(perCredential.filter((row) => row._count !== 1)).toEqual([]);
});
