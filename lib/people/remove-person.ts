import "server-only";

import { toRole, type Caller, type Person } from "@/lib/auth/person";
import { recordCredentialEvent } from "@/lib/credentials/activity";
import { credentialNameKey } from "@/lib/credentials/schemas.browser-safe";
import { getDb, inTransaction } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";
import { z } from "@/lib/zod";

import { PEOPLE_MESSAGES } from "./messages";
import type { RemovePersonResult } from "./results";

const personRefSchema = z.object({ id: z.string().regex(ID_PATTERN) });

/**
 * Removes a person (`{ id }`; admin only): their sessions end at once (cascade), what they owned
 * passes to the admin doing the removal (renamed if a name would clash), and shares to them
 * disappear. Their sources and destinations on credentials someone else shared with them are
 * deleted: those credentials' owners agreed to that person using them, not to the admin doing so.
 */
export async function removePerson(caller: Caller, input: unknown): Promise<RemovePersonResult> {
  const admin = caller.person;
  if (admin.role !== "admin") return fail("admin-only", PEOPLE_MESSAGES.adminOnly);
  const parsed = personRefSchema.safeParse(input);
  const person = parsed.success ? await getDb().user.findUnique({ where: { id: parsed.data.id } }) : null;
  if (!person) return fail("not-found", PEOPLE_MESSAGES.personGone);
  if (person.id === admin.id || toRole(person.role) === "admin")
    return fail("refused", PEOPLE_MESSAGES.adminNotRemovable);

  const outcome = await inTransaction(async (tx) => {
    const transferred = await transferCredentials(tx, person, admin);
    const deletedEndpoints = await deleteEndpointsOnOthersCredentials(tx, person, admin);
    await transferEndpoints(tx, person, admin);
    await tx.user.delete({ where: { id: person.id } });
    return { transferred, deletedEndpoints };
  });
  return { ok: true, data: { name: person.name, ...outcome } };
}

async function transferCredentials(
  tx: Prisma.TransactionClient,
  from: { id: string; name: string },
  to: Person,
): Promise<number> {
  const theirs = await tx.credential.findMany({
    where: { ownerId: from.id },
    select: { id: true, name: true, connector: true },
  });
  const mine = await tx.credential.findMany({ where: { ownerId: to.id }, select: { nameKey: true, connector: true } });
  for (const credential of theirs) {
    const taken = new Set(mine.filter((row) => row.connector === credential.connector).map((row) => row.nameKey));
    const name = freeName(credential.name, from.name, taken);
    mine.push({ nameKey: credentialNameKey(name), connector: credential.connector });
    await tx.credential.update({
      where: { id: credential.id },
      // Idempotency keys are unique per owner and only matter for the seconds a save is retried.
      data: { ownerId: to.id, name, nameKey: credentialNameKey(name), version: { increment: 1 }, idempotencyKey: null },
    });
    // The new owner needs no share of their own credential.
    await tx.credentialShare.deleteMany({ where: { credentialId: credential.id, userId: to.id } });
    await recordCredentialEvent(
      {
        credentialId: credential.id,
        credentialName: name,
        type: "owner_changed",
        actorName: to.name,
        detail: `${from.name} was removed; ownership passed to ${to.name}.`,
      },
      tx,
    );
  }
  return theirs.length;
}

/** Runs after transferCredentials: "someone else's" is whatever the new owner neither owns nor has shared. */
async function deleteEndpointsOnOthersCredentials(
  tx: Prisma.TransactionClient,
  from: { id: string; name: string },
  to: Person,
): Promise<number> {
  const doomed = await tx.endpoint.findMany({
    where: {
      ownerId: from.id,
      credential: { ownerId: { not: to.id }, shares: { none: { userId: to.id } } },
    },
    select: { id: true, name: true, kind: true, credential: { select: { id: true, name: true } } },
  });
  for (const endpoint of doomed) {
    await tx.endpoint.delete({ where: { id: endpoint.id } });
    await recordCredentialEvent(
      {
        credentialId: endpoint.credential.id,
        credentialName: endpoint.credential.name,
        type: "unshared",
        actorName: to.name,
        detail: `${from.name} was removed; their ${endpoint.kind} "${endpoint.name}", which used this credential, was deleted.`,
      },
      tx,
    );
  }
  return doomed.length;
}

async function transferEndpoints(
  tx: Prisma.TransactionClient,
  from: { id: string; name: string },
  to: Person,
): Promise<void> {
  const theirs = await tx.endpoint.findMany({
    where: { ownerId: from.id },
    select: { id: true, name: true, kind: true },
  });
  const mine = await tx.endpoint.findMany({ where: { ownerId: to.id }, select: { nameKey: true, kind: true } });
  for (const endpoint of theirs) {
    const taken = new Set(mine.filter((row) => row.kind === endpoint.kind).map((row) => row.nameKey));
    const name = freeName(endpoint.name, from.name, taken);
    mine.push({ nameKey: credentialNameKey(name), kind: endpoint.kind });
    await tx.endpoint.update({
      where: { id: endpoint.id },
      // Idempotency keys are unique per owner and only matter for the seconds a create is retried.
      data: { ownerId: to.id, name, nameKey: credentialNameKey(name), idempotencyKey: null },
    });
  }
}

/** A name not yet taken among `taken` (lower-cased keys): "Name", else "Name (from Ana)", else with a number. */
function freeName(name: string, from: string, taken: Set<string>): string {
  const candidates = [name, `${name} (from ${from})`.slice(0, 100)];
  for (let n = 2; candidates.length < 50; n++) candidates.push(`${name} (from ${from} ${n})`.slice(0, 100));
  const chosen = candidates.find((candidate) => !taken.has(credentialNameKey(candidate)))!;
  taken.add(credentialNameKey(chosen));
  return chosen;
}
