import "server-only";

import { z } from "zod";

import type { Person } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";

/** A stored credential a new save runs into: by its name, or by the submit's idempotency key. */
export interface SaveClash {
  id: string;
  idempotencyKey: string | null;
}

const clashRows = z.array(z.object({ id: z.string(), idempotencyKey: z.string().nullable() }));

/**
 * The person's credentials that a save of `nameKey` on `connector` with `idempotencyKey` would
 * clash with, in one statement asked before the connector is called: one stored by this submit's
 * key (a retry of a save that went through, its answer lost) and one of the same name. Names and
 * keys are unique per person, so only the person's own credentials can clash, and at most two.
 * Raw SQL: this runs on every save, and a Prisma model query costs about a millisecond of CPU to
 * compile each time (docs/performance.md). The unique indexes are what guarantee a name when two
 * saves race; this only answers the common case before ClickUp is asked.
 */
export async function findSaveClashes(
  person: Person,
  connector: string,
  nameKey: string,
  idempotencyKey: string | undefined,
): Promise<SaveClash[]> {
  const rows = await getDb().$queryRaw<unknown[]>`
    SELECT "id", "idempotencyKey" FROM "Credential"
    WHERE "ownerId" = ${person.id}
      AND (("connector" = ${connector} AND "nameKey" = ${nameKey}) OR "idempotencyKey" = ${idempotencyKey ?? null})
    LIMIT 2`;
  return clashRows.parse(rows);
}
