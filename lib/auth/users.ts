import "server-only";

import type { ActionResult } from "@/lib/action-result";
import { recordCredentialEvent } from "@/lib/credentials/activity";
import { credentialNameKey } from "@/lib/credentials/schema";
import { getDb, inTransaction } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ID_PATTERN } from "@/lib/text-safety";
import { z } from "@/lib/zod";

import { ONLY_THE_OWNER } from "./invitations";
import { toRole, type Viewer } from "./viewer";

export interface Person {
  id: string;
  name: string;
  email: string;
  role: Viewer["role"];
  createdAt: string;
  credentialCount: number;
  connectionCount: number;
}

export async function listPeople(viewer: Viewer): Promise<Person[]> {
  if (viewer.role !== "owner") return [];
  const rows = await getDb().user.findMany({
    include: { _count: { select: { credentials: true, connections: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    role: toRole(row.role),
    createdAt: row.createdAt.toISOString(),
    credentialCount: row._count.credentials,
    connectionCount: row._count.connections,
  }));
}

/** People a credential could be shared with: everyone but the viewer. Names and emails only. */
export async function listShareablePeople(
  excludeIds: string[],
): Promise<{ id: string; name: string; email: string }[]> {
  return getDb().user.findMany({
    where: { id: { notIn: excludeIds } },
    select: { id: true, name: true, email: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
}

const personRefSchema = z.object({ id: z.string().regex(ID_PATTERN) });

/** A name not yet taken among `taken` (lower-cased keys): "Name", else "Name (from Ana)", else with a number. */
function freeName(name: string, from: string, taken: Set<string>): string {
  const candidates = [name, `${name} (from ${from})`.slice(0, 100)];
  for (let n = 2; candidates.length < 50; n++) candidates.push(`${name} (from ${from} ${n})`.slice(0, 100));
  const chosen = candidates.find((candidate) => !taken.has(credentialNameKey(candidate)))!;
  taken.add(credentialNameKey(chosen));
  return chosen;
}

/**
 * Removes a person: their sessions end at once (cascade), what they owned passes to the owner
 * doing the removal (renamed if a name would clash), and shares to them disappear. Their sources
 * and destinations on credentials someone else shared with them are deleted: those credentials'
 * owners agreed to that person using them, not to the owner account doing so.
 */
export async function removePerson(
  viewer: Viewer,
  input: unknown,
): Promise<ActionResult<{ name: string; transferred: number; deletedConnections: number }>> {
  if (viewer.role !== "owner") return { ok: false, message: ONLY_THE_OWNER };
  const parsed = personRefSchema.safeParse(input);
  const person = parsed.success ? await getDb().user.findUnique({ where: { id: parsed.data.id } }) : null;
  if (!person) return { ok: false, message: "This person no longer has an account. Reload the page." };
  if (person.id === viewer.id || toRole(person.role) === "owner")
    return { ok: false, message: "The owner account cannot be removed." };

  const outcome = await inTransaction(async (tx) => {
    const transferred = await transferCredentials(tx, person, viewer);
    const deletedConnections = await deleteConnectionsOnOthersCredentials(tx, person, viewer);
    await transferConnections(tx, person, viewer);
    await tx.user.delete({ where: { id: person.id } });
    return { transferred, deletedConnections };
  });
  return { ok: true, data: { name: person.name, ...outcome } };
}

async function transferCredentials(
  tx: Prisma.TransactionClient,
  from: { id: string; name: string },
  to: Viewer,
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
      data: { ownerId: to.id, name, nameKey: credentialNameKey(name), version: { increment: 1 } },
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
async function deleteConnectionsOnOthersCredentials(
  tx: Prisma.TransactionClient,
  from: { id: string; name: string },
  to: Viewer,
): Promise<number> {
  const doomed = await tx.connection.findMany({
    where: {
      ownerId: from.id,
      credential: { ownerId: { not: to.id }, shares: { none: { userId: to.id } } },
    },
    select: { id: true, name: true, kind: true, credential: { select: { id: true, name: true } } },
  });
  for (const connection of doomed) {
    await tx.connection.delete({ where: { id: connection.id } });
    await recordCredentialEvent(
      {
        credentialId: connection.credential.id,
        credentialName: connection.credential.name,
        type: "unshared",
        actorName: to.name,
        detail: `${from.name} was removed; their ${connection.kind} "${connection.name}", which used this credential, was deleted.`,
      },
      tx,
    );
  }
  return doomed.length;
}

async function transferConnections(
  tx: Prisma.TransactionClient,
  from: { id: string; name: string },
  to: Viewer,
): Promise<void> {
  const theirs = await tx.connection.findMany({
    where: { ownerId: from.id },
    select: { id: true, name: true, kind: true },
  });
  const mine = await tx.connection.findMany({ where: { ownerId: to.id }, select: { nameKey: true, kind: true } });
  for (const connection of theirs) {
    const taken = new Set(mine.filter((row) => row.kind === connection.kind).map((row) => row.nameKey));
    const name = freeName(connection.name, from.name, taken);
    mine.push({ nameKey: credentialNameKey(name), kind: connection.kind });
    await tx.connection.update({
      where: { id: connection.id },
      data: { ownerId: to.id, name, nameKey: credentialNameKey(name) },
    });
  }
}
