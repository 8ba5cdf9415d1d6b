import "server-only";

import { randomUUID } from "node:crypto";

import type { Role } from "@/lib/auth/person";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A new person and their sign-in (email and password hash), inside the caller's transaction. */
export async function insertPerson(
  tx: Prisma.TransactionClient,
  person: { name: string; email: string; passwordHash: string; role: Role },
): Promise<string> {
  const id = randomUUID();
  await tx.user.create({ data: { id, name: person.name, email: person.email, role: person.role } });
  // Better Auth's "credential" account: where it looks for the password hash at sign-in.
  await tx.account.create({
    data: { id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: person.passwordHash },
  });
  return id;
}
