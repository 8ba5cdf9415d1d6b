import "server-only";

import { getEnv } from "@/lib/config/env";
import { databaseKind } from "@/lib/config/startup-rules.mjs";
import { getDb } from "@/lib/db/client";

/** How much of its token's rate budget a credential used in the last hour, for its page. */
export interface BudgetUseView {
  /** Calls let through to ClickUp. */
  calls: number;
  /** Of those, how many waited for room in the budget first. */
  waited: number;
  /** Calls refused: no room within the longest wait. */
  refused: number;
  /** Calls ClickUp's rate-limit headers showed others making with the token, outside the app. */
  external: number;
  /** The most calls (the app's and others') in one clock minute. */
  busiestMinute: number;
  /** By source or destination, API key and person; most calls first. Names as they are now. */
  by: {
    source: string | null;
    apiKey: string | null;
    person: string | null;
    calls: number;
    waited: number;
    refused: number;
  }[];
}

const HOUR_MS = 60 * 60_000;

/**
 * The last hour of a credential's calls from the reservation log (lib/clickup-budget/): what it
 * spent of its token's budget, who through what, and what had to wait or was refused.
 */
export async function getBudgetUse(credentialId: string, now = new Date()): Promise<BudgetUseView> {
  const db = getDb();
  const since = new Date(now.getTime() - HOUR_MS);
  const where = { credentialId, at: { gt: since } };
  const [groups, busiestMinute] = await Promise.all([
    db.clickUpCallReservation.groupBy({
      by: ["endpointId", "apiKeyId", "personId", "outcome"],
      where,
      _sum: { calls: true },
    }),
    busiestClockMinute(credentialId, since),
  ]);
  const waitedGroups = await db.clickUpCallReservation.groupBy({
    by: ["endpointId", "apiKeyId", "personId"],
    where: { ...where, outcome: "called", waitedMs: { gt: 0 } },
    _count: { id: true },
  });
  const names = await namesOf(groups);
  const rows = new Map<string, BudgetUseView["by"][number]>();
  const rowFor = (group: { endpointId: string | null; apiKeyId: string | null; personId: string | null }) => {
    const key = JSON.stringify([group.endpointId, group.apiKeyId, group.personId]);
    let row = rows.get(key);
    if (!row) {
      row = {
        source: group.endpointId ? (names.endpoints.get(group.endpointId) ?? "(deleted)") : null,
        apiKey: group.apiKeyId ? (names.apiKeys.get(group.apiKeyId) ?? "(deleted)") : null,
        person: group.personId ? (names.people.get(group.personId) ?? "(removed)") : null,
        calls: 0,
        waited: 0,
        refused: 0,
      };
      rows.set(key, row);
    }
    return row;
  };
  const view: BudgetUseView = { calls: 0, waited: 0, refused: 0, external: 0, busiestMinute, by: [] };
  for (const group of groups) {
    const calls = group._sum.calls ?? 0;
    if (group.outcome === "external") view.external += calls;
    else if (group.outcome === "refused") {
      view.refused += calls;
      rowFor(group).refused += calls;
    } else {
      view.calls += calls;
      rowFor(group).calls += calls;
    }
  }
  for (const group of waitedGroups) {
    view.waited += group._count.id;
    rowFor(group).waited += group._count.id;
  }
  view.by = [...rows.values()].sort((a, b) => b.calls - a.calls || b.refused - a.refused);
  return view;
}

async function busiestClockMinute(credentialId: string, since: Date): Promise<number> {
  // The minute a call falls in: SQLite keeps DateTime as ISO text ("2026-12-05T13:18:39.255+00:00").
  const rows =
    databaseKind(getEnv().DATABASE_URL) === "postgresql"
      ? await getDb().$queryRaw<{ calls: unknown }[]>`
          SELECT SUM("calls") AS "calls" FROM "ClickUpCallReservation"
          WHERE "credentialId" = ${credentialId} AND "outcome" <> 'refused' AND "at" > ${since}
          GROUP BY date_trunc('minute', "at") ORDER BY 1 DESC LIMIT 1`
      : await getDb().$queryRaw<{ calls: unknown }[]>`
          SELECT SUM("calls") AS "calls" FROM "ClickUpCallReservation"
          WHERE "credentialId" = ${credentialId} AND "outcome" <> 'refused' AND "at" > ${since}
          GROUP BY substr("at", 1, 16) ORDER BY 1 DESC LIMIT 1`;
  return Number(rows[0]?.calls ?? 0);
}

async function namesOf(groups: { endpointId: string | null; apiKeyId: string | null; personId: string | null }[]) {
  const ids = (pick: (group: (typeof groups)[number]) => string | null) => [
    ...new Set(groups.map(pick).filter((id): id is string => id !== null)),
  ];
  const db = getDb();
  const [endpoints, apiKeys, people] = await Promise.all([
    db.endpoint.findMany({ where: { id: { in: ids((g) => g.endpointId) } }, select: { id: true, name: true } }),
    db.apiKey.findMany({ where: { id: { in: ids((g) => g.apiKeyId) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids((g) => g.personId) } }, select: { id: true, name: true } }),
  ]);
  const byId = (rows: { id: string; name: string }[]) => new Map(rows.map((row) => [row.id, row.name]));
  return { endpoints: byId(endpoints), apiKeys: byId(apiKeys), people: byId(people) };
}
