import "server-only";

import { invalidInput } from "@/lib/action-result.browser-safe";
import { AUTH_MESSAGES } from "@/lib/auth/messages";
import { hashUnlessBusy } from "@/lib/auth/password";
import type { Visitor } from "@/lib/auth/person";
import { newPersonSchema } from "@/lib/auth/schemas";
import { startSession } from "@/lib/auth/sign-in";
import { limitNewSignIns } from "@/lib/auth/sign-in-limit";
import { getDb, inTransaction } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";
import { fail, invalid, rateLimited } from "@/lib/failure-reasons.browser-safe";

import { insertPerson } from "./insert-person";
import { PEOPLE_MESSAGES } from "./messages";
import type { NewPersonResult } from "./results";
import { isSetupCode, limitSetupCodeGuesses } from "./setup-code";

/**
 * First-run setup (`{ name, email, password, setupCode }`): creates the admin, if there is none
 * yet, and signs them in. From another machine than the server's it needs a setup code from the
 * server's start-up log (lib/people/setup-code.ts); from this machine none. Anything saved before
 * people existed becomes theirs. The Installation row's fixed key makes two simultaneous setups
 * produce one admin and one clear refusal; the codes are deleted with the same transaction.
 */
export async function setUpAdmin(visitor: Visitor, input: unknown): Promise<NewPersonResult> {
  // First, so posting to a finished setup costs one read and counts against nothing.
  if (await getDb().installation.findUnique({ where: { id: 1 }, select: { id: true } }))
    return fail("conflict", PEOPLE_MESSAGES.alreadySetUp);
  // Then the per-client limit, before the password's strength check and its hashing (both costly).
  const limited = await limitNewSignIns(visitor.clientKey);
  if (limited) return rateLimited(limited);
  const parsed = await newPersonSchema.safeParseAsync(input);
  const setupCode = visitor.fromLoopback ? "" : setupCodeOf(input);
  if (!parsed.success) {
    const failure = invalidInput(parsed.error, ["name", "email", "password"] as const);
    if (failure.reason !== "invalid" || visitor.fromLoopback || setupCode) return failure;
    return invalid(failure.message, { ...failure.fieldErrors, setupCode: PEOPLE_MESSAGES.setupCodeMissing });
  }
  if (!visitor.fromLoopback) {
    if (!setupCode) return invalid("Some fields need attention.", { setupCode: PEOPLE_MESSAGES.setupCodeMissing });
    const retryAt = await limitSetupCodeGuesses(visitor.clientKey);
    if (retryAt)
      return rateLimited(PEOPLE_MESSAGES.tooManySetupCodeGuesses(minutesUntil(retryAt)), retryAt.toISOString());
    if (!(await isSetupCode(setupCode)))
      return invalid("Some fields need attention.", { setupCode: PEOPLE_MESSAGES.setupCodeWrong });
  }
  const { name, email, password } = parsed.data;
  const passwordHash = await hashUnlessBusy(password);
  if (!passwordHash) return fail("server-busy", AUTH_MESSAGES.busy);
  try {
    await inTransaction(async (tx) => {
      const id = await insertPerson(tx, { name, email, passwordHash, role: "admin" });
      await tx.installation.create({ data: { id: 1, adminId: id } });
      await tx.setupCode.deleteMany({});
      await tx.credential.updateMany({ where: { ownerId: null }, data: { ownerId: id } });
      await tx.endpoint.updateMany({ where: { ownerId: null }, data: { ownerId: id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict", PEOPLE_MESSAGES.alreadySetUp);
    throw error;
  }
  return { ok: true, data: { name, signedIn: await startSession(email, password) } };
}

/** The setup code as posted: text of a sane length, else nothing. */
function setupCodeOf(input: unknown): string {
  const value = typeof input === "object" && input !== null ? (input as { setupCode?: unknown }).setupCode : undefined;
  return typeof value === "string" && value.length <= 200 ? value.trim() : "";
}

const minutesUntil = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 60_000));
