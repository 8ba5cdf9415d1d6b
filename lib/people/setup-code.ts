import "server-only";

import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

import { getDb, type Database } from "@/lib/db/client";
import { consumeRateLimit } from "@/lib/security/rate-limit";

// The setup code (Jenkins' pattern): while no admin exists, first-run setup from another machine
// needs a code only someone who can read the server's start-up log has. From this machine (a
// loopback client, lib/security/loopback-client.ts) setup needs none. The code is random, stored
// only as a hash (any worker or instance may receive the form), compared in constant time, its
// guesses limited per client, and all codes are deleted once the admin exists.

/** Wrong guesses a client may make per window before it must wait. */
export const SETUP_CODE_GUESSES_PER_CLIENT = 10;
const GUESS_WINDOW_MS = 15 * 60_000;

/** 128 random bits as 32 hex digits: unguessable, and easy to copy from a log. */
const newSetupCode = () => randomBytes(16).toString("hex");

/** As typed: spaces around it and capitals do not matter. */
const hashSetupCode = (code: string) => createHash("sha256").update(code.trim().toLowerCase()).digest();

/**
 * At server start (instrumentation.ts, once per instance): while no admin exists, stores a new code
 * and prints it; once one exists, makes sure none is kept. Each instance prints its own code, and
 * every printed code works until the admin exists.
 */
export async function issueSetupCode(print: (line: string) => void = console.log): Promise<void> {
  try {
    await issue(print);
  } catch (error) {
    // The server still serves (the database may be busy at this moment): say what it means.
    console.warn(
      `[setup] Could not prepare a setup code (${error instanceof Error ? error.message : error}). Setup from this machine works as usual; from another machine it needs a code: restart the server to get one.`,
    );
  }
}

async function issue(print: (line: string) => void) {
  const db = getDb();
  if (await db.installation.findUnique({ where: { id: 1 }, select: { id: true } })) {
    await db.setupCode.deleteMany({});
    return;
  }
  const code = newSetupCode();
  await db.setupCode.create({ data: { id: randomUUID(), codeHash: hashSetupCode(code).toString("hex") } });
  print("[setup] No admin yet. First-run setup from another machine (not localhost) asks for this setup code:");
  print(`[setup]     ${code}`);
  print("[setup] It works until the admin exists. Setting up from this machine needs no code.");
}

/** Counts a guess for `clientKey`; the retry time when it has used up its guesses. */
export async function limitSetupCodeGuesses(clientKey: string): Promise<Date | undefined> {
  const decision = await consumeRateLimit(`setup-code:${clientKey}`, SETUP_CODE_GUESSES_PER_CLIENT, GUESS_WINDOW_MS);
  return decision.allowed ? undefined : decision.retryAt;
}

/** Whether `code` is one of the stored setup codes: compared in constant time with each of them. */
export async function isSetupCode(code: string, db: Database = getDb()): Promise<boolean> {
  const given = hashSetupCode(code);
  const stored = await db.setupCode.findMany({ select: { codeHash: true } });
  let matches = false;
  for (const { codeHash } of stored) {
    const candidate = Buffer.from(codeHash, "hex");
    matches = (candidate.length === given.length && timingSafeEqual(candidate, given)) || matches;
  }
  return matches;
}
