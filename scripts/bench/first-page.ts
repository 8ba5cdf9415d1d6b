// Cold start: from starting a build's `server/start.mjs` to the first page it answers.
import http from "node:http";

import { freePort, root, sleep, startNode, startScriptOf, type Child } from "./support";

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    http
      .get(url, { agent: false }, (response) => {
        response.resume();
        response.on("end", () => resolve((response.statusCode ?? 0) < 400));
      })
      .on("error", () => resolve(false));
  });
}

/**
 * Milliseconds from starting `<dir>/server/start.mjs` (npm start of that build) to the first answer
 * of the setup page (polled every 20 ms); the server is stopped after. `ports` is where to look for
 * a free one: `npm run bench:cold-start` uses 3600-3699, `npm run bench` its own 3500-3599.
 * `env` is added to this process's environment.
 */
export async function timeToFirstPage(
  databaseFile: string,
  cli: boolean,
  {
    dir = root,
    ports = [3600, 3699],
    env = {},
  }: { dir?: string; ports?: [number, number]; env?: Record<string, string> } = {},
): Promise<number> {
  const port = await freePort(...ports);
  const started = performance.now();
  const child: Child = startNode([startScriptOf(dir)], {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: `file:${databaseFile}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
    ...(cli ? { MIGRATE_WITH_PRISMA_CLI: "1" } : {}),
  });
  try {
    for (;;) {
      if (!child.running()) throw new Error(`npm start exited:\n${child.output()}`);
      if (await answers(`http://127.0.0.1:${port}/setup`)) return performance.now() - started;
      if (performance.now() - started > 120_000) throw new Error(`no answer in 120 s:\n${child.output()}`);
      await sleep(20);
    }
  } finally {
    await child.stop();
  }
}
