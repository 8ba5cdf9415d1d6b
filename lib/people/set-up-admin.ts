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
import { fail, rateLimited } from "@/lib/failure-reasons.browser-safe";

import { insertPerson } from "./insert-person";
import { PEOPLE_MESSAGES } from "./messages";
import type { NewPersonResult } from "./results";

/**
 * First-run setup (`{ name, email, password }`): creates the admin, if there is none yet, and
 * signs them in. Anything saved before people existed becomes theirs. The Installation row's
 * fixed key makes two simultaneous setups produce one admin and one clear refusal.
 */
export async function setUpAdmin(visitor: Visitor, input: unknown): Promise<NewPersonResult> {
  // First, so posting to a finished setup costs one read and counts against nothing.
  if (await getDb().installation.findUnique({ where: { id: 1 }, select: { id: true } }))
    return fail("conflict", PEOPLE_MESSAGES.alreadySetUp);
  // Then the per-client limit, before the password's strength check and its hashing (both costly).
  const limited = await limitNewSignIns(visitor.clientKey);
  if (limited) return rateLimited(limited);
  const parsed = await newPersonSchema.safeParseAsync(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "email", "password"] as const);
  const { name, email, password } = parsed.data;
  const passwordHash = await hashUnlessBusy(password);
  if (!passwordHash) return fail("server-busy", AUTH_MESSAGES.busy);
  try {
    await inTransaction(async (tx) => {
      const id = await insertPerson(tx, { name, email, passwordHash, role: "admin" });
      await tx.installation.create({ data: { id: 1, adminId: id } });
      await tx.credential.updateMany({ where: { ownerId: null }, data: { ownerId: id } });
      await tx.endpoint.updateMany({ where: { ownerId: null }, data: { ownerId: id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return fail("conflict", PEOPLE_MESSAGES.alreadySetUp);
    throw error;
  }
  return { ok: true, data: { name, signedIn: await startSession(email, password) } };
}
