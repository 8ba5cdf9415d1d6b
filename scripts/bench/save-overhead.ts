// Benchmark 1: what a save costs on top of ClickUp's answer, in-process through createCredential
// (the command behind the Save server action). Import only after the runner has set the env.
import { randomBytes } from "node:crypto";

import { createCredential } from "@/lib/credentials/create-credential";
import { getDb } from "@/lib/db/client";

import { figure, median, percentile, round, type Figure } from "./support";

const SAVES = 200;
const WARM_UP = 20;
const WHAT_IF_SAVES = 100;

/** How long each GET /api/v2/user took, body included, as the app's fetch saw it. */
const upstreamMs: number[] = [];

function timeClickUpCalls(): () => void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.endsWith("/api/v2/user")) return realFetch(input, init);
    const started = performance.now();
    const response = await realFetch(input, init);
    const body = await response.arrayBuffer();
    upstreamMs.push(performance.now() - started);
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return () => {
    globalThis.fetch = realFetch;
  };
}

const run = randomBytes(3).toString("hex");
let saved = 0;
// Saves are made as a signed-in person (credentials need an owner); the bench database gets one.
const person = { id: `bench-${run}`, name: "Bench", email: `bench-${run}@example.test`, role: "admin" as const };

async function saveOnce(tokenKind: "good" | "slow") {
  const calls = upstreamMs.length;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const result = await createCredential(
    { person, clientKey: "bench" },
    {
      connector: "clickup",
      name: `Bench ${run} ${saved++}`,
      description: "Saved by npm run bench",
      apiKey: `pk_${tokenKind}_${randomBytes(12).toString("hex")}`,
    },
  );
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  if (!result.ok) throw new Error(`save failed: ${result.message}`);
  if (upstreamMs.length !== calls + 1)
    throw new Error(`expected one ClickUp call per save, saw ${upstreamMs.length - calls}`);
  const upstream = upstreamMs[calls];
  // This process's CPU time during the save: ours, plus the client side of the ClickUp call.
  return { totalMs, upstreamMs: upstream, overheadMs: totalMs - upstream, cpuMs: (cpu.user + cpu.system) / 1000 };
}

type Sample = Awaited<ReturnType<typeof saveOnce>>;

function summarise(samples: Sample[]) {
  const stats = (values: number[]) => ({
    p50: round(median(values)),
    p95: round(percentile(values, 95)),
    max: round(Math.max(...values)),
  });
  return {
    saves: samples.length,
    totalMs: stats(samples.map((s) => s.totalMs)),
    upstreamMs: stats(samples.map((s) => s.upstreamMs)),
    overheadMs: stats(samples.map((s) => s.overheadMs)),
    cpuMs: stats(samples.map((s) => s.cpuMs)),
    totalOverUpstream: round(median(samples.map((s) => s.totalMs / s.upstreamMs)), 3),
  };
}

/** Saves of each kind, alternating, so both see the same moments of a shared machine. */
async function series(kinds: ("good" | "slow")[], saves = SAVES) {
  for (let i = 0; i < WARM_UP; i += 1) for (const kind of kinds) await saveOnce(kind);
  const samples = new Map(kinds.map((kind) => [kind, [] as Sample[]]));
  for (let i = 0; i < saves; i += 1) for (const kind of kinds) samples.get(kind)!.push(await saveOnce(kind));
  return kinds.map((kind) => summarise(samples.get(kind)!));
}

export async function benchSaveOverhead(slowDelayMs: number): Promise<{ figures: Figure[]; details: object }> {
  const restore = timeClickUpCalls();
  await getDb().user.create({ data: { id: person.id, name: person.name, email: person.email, role: person.role } });
  try {
    const [instant, slow] = await series(["good", "slow"]);
    // What-if, not a target. The app runs SQLite in WAL mode with synchronous=FULL: each commit
    // (two per save) waits for an fsync of the log. The same alternating series with
    // synchronous=NORMAL, which syncs only at checkpoints: a commit survives a crash of the app but
    // may be lost with the last few others if the machine loses power. (Set on this benchmark's
    // own connection only; the app does not do this.)
    const [{ journal_mode: journalMode }] =
      await getDb().$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    const [{ synchronous }] = await getDb().$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    await getDb().$queryRawUnsafe("PRAGMA synchronous = NORMAL");
    const [instantNormal] = await series(["good", "slow"], WHAT_IF_SAVES);
    const name = "1. Save overhead";
    const figures = [
      figure(name, "overhead p50, ClickUp instant", instant.overheadMs.p50, "ms"),
      figure(name, "overhead p95, ClickUp instant", instant.overheadMs.p95, "ms", 10),
      figure(name, `overhead p50, ClickUp ${slowDelayMs} ms`, slow.overheadMs.p50, "ms"),
      figure(name, `overhead p95, ClickUp ${slowDelayMs} ms`, slow.overheadMs.p95, "ms", 10),
      figure(name, `total / upstream, ClickUp ${slowDelayMs} ms (median)`, slow.totalOverUpstream, "×", 1.1),
      figure(name, "CPU time per save p50, ClickUp instant", instant.cpuMs.p50, "ms"),
      figure(name, "what-if synchronous=NORMAL: overhead p50, ClickUp instant", instantNormal.overheadMs.p50, "ms"),
      figure(name, "what-if synchronous=NORMAL: overhead p95, ClickUp instant", instantNormal.overheadMs.p95, "ms"),
    ];
    return {
      figures,
      details: {
        savesPerSeries: SAVES,
        warmUpSaves: WARM_UP,
        journalMode,
        synchronous: Number(synchronous),
        instant,
        [`delayed${slowDelayMs}ms`]: slow,
        whatIfSynchronousNormalInstant: instantNormal,
      },
    };
  } finally {
    restore();
    await getDb().$disconnect();
  }
}
