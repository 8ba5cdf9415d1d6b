import "server-only";

import { createHash } from "node:crypto";

import { getDb } from "@/lib/db/client";

const HOUR_MS = 60 * 60_000;

/**
 * The Activity of calls through the ClickUp proxy: one entry per credential, API key and hour
 * (never one per call), whose `times` is how many calls went through with the key in that hour
 * and `lastAt` the last of them — the same counting the Activity uses for repeated checks. Made
 * from the reservation log, for this hour and the last (the log keeps an hour), now and then by
 * each process that reserves calls. The entry's id is derived from what it counts, so every
 * process updates the same one; a count never goes down (the log's oldest calls are pruned).
 */
export async function rollUpKeyCalls(now: Date): Promise<void> {
  const db = getDb();
  const thisHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  for (const hourStart of [thisHour - HOUR_MS, thisHour]) {
    const groups = await db.clickUpCallReservation.groupBy({
      by: ["credentialId", "apiKeyId"],
      where: {
        apiKeyId: { not: null },
        outcome: "called",
        at: { gte: new Date(hourStart), lt: new Date(hourStart + HOUR_MS) },
      },
      _sum: { calls: true },
      _max: { at: true },
    });
    if (groups.length === 0) continue;
    const keys = await db.apiKey.findMany({
      where: { id: { in: groups.map((group) => group.apiKeyId!) } },
      select: { id: true, name: true, user: { select: { name: true } } },
    });
    const credentials = await db.credential.findMany({
      where: { id: { in: groups.map((group) => group.credentialId) } },
      select: { id: true, name: true },
    });
    for (const group of groups) {
      const key = keys.find((row) => row.id === group.apiKeyId);
      const credentialName = credentials.find((row) => row.id === group.credentialId)?.name ?? "";
      const id = createHash("sha256")
        .update(`api_calls ${group.credentialId} ${group.apiKeyId} ${hourStart}`)
        .digest("base64url");
      const detail = `Through the ClickUp proxy with API key "${key?.name ?? "(deleted)"}".`;
      const times = group._sum.calls ?? 0;
      const createdAt = new Date(hourStart);
      const lastAt = group._max.at ?? createdAt;
      await db.$executeRaw`
        INSERT INTO "CredentialEvent" ("id", "credentialId", "credentialName", "type", "detail", "actorName", "createdAt", "times", "lastAt")
        VALUES (${id}, ${group.credentialId}, ${credentialName}, 'api_calls', ${detail}, ${key?.user.name ?? ""}, ${createdAt}, ${times}, ${lastAt})
        ON CONFLICT ("id") DO UPDATE SET
          "times" = CASE WHEN excluded."times" > "CredentialEvent"."times" THEN excluded."times" ELSE "CredentialEvent"."times" END,
          "lastAt" = CASE WHEN excluded."times" > "CredentialEvent"."times" THEN excluded."lastAt" ELSE "CredentialEvent"."lastAt" END`;
    }
  }
}
