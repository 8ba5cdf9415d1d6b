import "server-only";

import { credentialFilter } from "@/lib/auth/access";
import type { Person } from "@/lib/auth/person";
import { getDb } from "@/lib/db/client";

import { stateFilter } from "./state-filter";

/**
 * How many credentials the person owns or uses (never the admin's "see everything") are broken,
 * changed account or unreadable: the header's "Needs attention" count. One indexed count.
 */
export async function countNeedingAttention(person: Person): Promise<number> {
  return getDb().credential.count({ where: { AND: [credentialFilter(person, "use"), stateFilter("attention")] } });
}

/** A credential's recent checks, newest first (`GET /api/v1/credentials/{id}/checks`); access is the caller's to check. */
export async function listRecentChecks(credentialId: string, limit = 50) {
  const rows = await getDb().credentialCheck.findMany({
    where: { credentialId },
    orderBy: [{ checkedAt: "desc" }, { id: "asc" }],
    take: limit,
    select: { trigger: true, outcome: true, detail: true, durationMs: true, checkedAt: true },
  });
  return rows.map((row) => ({ ...row, checkedAt: row.checkedAt.toISOString() }));
}
