// Saves per second through the running server: `clients` loops each post the Save action back to
// back for `seconds`, while the server's resident memory (whole process tree) is sampled for its peak.
import { randomBytes } from "node:crypto";

import { postSave } from "./concurrency";
import { round, treeRssMb } from "./support";

const RSS_SAMPLE_MS = 200;

export async function savesPerSecond(
  baseUrl: string,
  serverPid: number,
  actionId: string,
  { clients, seconds }: { clients: number; seconds: number },
) {
  const run = randomBytes(3).toString("hex");
  let peakRssMb = treeRssMb(serverPid);
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, treeRssMb(serverPid))), RSS_SAMPLE_MS);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let ok = 0;
  const failures: string[] = [];
  try {
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let i = 0; performance.now() < deadline; i += 1) {
          const result = await postSave(baseUrl, actionId, `Throughput ${run} ${client}-${i}`);
          if (result.ok) ok += 1;
          else failures.push(result.problem);
        }
      }),
    );
  } finally {
    clearInterval(sampler);
  }
  // Saves still in flight at the deadline finish and count; the time runs until the last one ends.
  const elapsedSeconds = (performance.now() - started) / 1000;
  for (const problem of failures.slice(0, 3)) console.warn(`   a save failed: ${problem}`);
  return {
    clients,
    seconds: round(elapsedSeconds),
    saves: ok,
    failed: failures.length,
    savesPerSecond: round(ok / elapsedSeconds, 1),
    peakRssMb: round(peakRssMb, 1),
  };
}
