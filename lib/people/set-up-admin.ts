import "server-only";

import { invalidInput } from "@/lib/action-result.browser-safe";
import { hashPassword } from "@/lib/auth/password";
import type { Visitor } from "@/lib/auth/person";
import { newPersonSchema } from "@/lib/auth/schemas";
import { startSession } from "@/lib/auth/sign-in";
import { getDb, inTransaction } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/errors";

import { insertPerson } from "./insert-person";
import { PEOPLE_MESSAGES } from "./messages";
import type { NewPersonResult } from "./results";

/**
 * First-run setup (`{ name, email, password }`): creates the admin, if there is none yet, and
 * signs them in. Anything saved before people existed becomes theirs. The Installation row's
 * fixed key makes two simultaneous setups produce one admin and one clear refusal.
 */
export async function setUpAdmin(_visitor: Visitor, input: unknown): Promise<NewPersonResult> {
  const parsed = newPersonSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error, ["name", "email", "password"] as const);
  const { name, email, password } = parsed.data;
  // Checked before the (deliberately expensive) hashing, so posting to a finished setup costs nothing.
  if (await getDb().installation.findUnique({ where: { id: 1 }, select: { id: true } }))
    return { ok: false, message: PEOPLE_MESSAGES.alreadySetUp };
  const passwordHash = await hashPassword(password);
  try {
    await inTransaction(async (tx) => {
      const id = await insertPerson(tx, { name, email, passwordHash, role: "admin" });
      await tx.installation.create({ data: { id: 1, adminId: id } });
      await tx.credential.updateMany({ where: { ownerId: null }, data: { ownerId: id } });
      await tx.endpoint.updateMany({ where: { ownerId: null }, data: { ownerId: id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, message: PEOPLE_MESSAGES.alreadySetUp };
    throw error;
  }
  return { ok: true, data: { name, signedIn: await startSession(email, password) } };
}
