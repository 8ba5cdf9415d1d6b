import "server-only";

import { credentialFilter, type CredentialScope } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";
import type { Prisma } from "@/lib/generated/prisma/client";

import { CREDENTIAL_MESSAGES } from "./messages";

// One the person may see but not use (the admin, someone else's) is as good as not there for them.
const REFUSED: Record<Exclude<CredentialScope, "see">, Refused> = {
  use: fail("not-found", CREDENTIAL_MESSAGES.notFound),
  manage: fail("not-owner", CREDENTIAL_MESSAGES.ownerOnly),
  share: fail("not-owner", CREDENTIAL_MESSAGES.ownerOnlyShare),
};

type Refused = { ok: false; reason: "not-found" | "not-owner"; message: string };
export type FoundCredential<Row> = { ok: true; row: Row } | Refused;

/**
 * The one way a command loads a credential: the row (with the fields `select` names) if the person
 * may act on it in `scope` (lib/auth/access.ts), else the failure to give. The rule is the query's
 * filter; a credential they may see but not act on gets a refusal that says why, one they may not
 * see is "not found", whoever's it is.
 */
export async function findCredentialFor<Select extends Prisma.CredentialSelect>(
  person: Person,
  id: string,
  scope: CredentialScope,
  select: Select,
): Promise<FoundCredential<Prisma.CredentialGetPayload<{ select: Select }>>> {
  const db = getDb();
  const row = await db.credential.findFirst({ where: { AND: [{ id }, credentialFilter(person, scope)] }, select });
  if (row) return { ok: true, row: row as Prisma.CredentialGetPayload<{ select: Select }> };
  if (scope === "see") return fail("not-found", CREDENTIAL_MESSAGES.notFound);
  // Only on the refusal path: tell "not yours to change" apart from "not there".
  const visible = await db.credential.count({ where: { AND: [{ id }, credentialFilter(person, "see")] } });
  return visible ? REFUSED[scope] : fail("not-found", CREDENTIAL_MESSAGES.notFound);
}
