import "server-only";

import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { openSecret, sealSecret, SecretUnreadableError } from "@/lib/crypto/secret-box";
import { getDb } from "@/lib/db/client";

import { webhookSecretContext } from "./webhook-secret";

export interface WebhookRotationReport {
  moved: number;
  /** Webhooks whose secret could not be re-sealed: by id and host (the URL's path may hold the receiver's own secret). */
  unreadable: { id: string; host: string; keyId: string; reason: string }[];
  /** Key ids still named by some webhook after the run, with counts. */
  keysInUse: Record<string, number>;
}

/**
 * Re-seals every webhook signing secret not sealed with the active encryption key (part of
 * `npm run keys:rotate`). Each row is swapped only if it still holds what was read, so a run
 * beside a deletion or a second run loses nothing; at most MAX_WEBHOOKS rows, so one pass.
 */
export async function rotateWebhookKeys(): Promise<WebhookRotationReport> {
  const ring = getCredentialKeyRing();
  const db = getDb();
  const report: WebhookRotationReport = { moved: 0, unreadable: [], keysInUse: {} };
  const rows = await db.webhook.findMany({
    where: { secretKeyId: { not: ring.activeKeyId } },
    select: { id: true, url: true, secretKeyId: true, secretCiphertext: true },
    orderBy: { id: "asc" },
  });
  for (const row of rows) {
    const context = webhookSecretContext(row.id);
    let secret: string;
    try {
      secret = openSecret(ring, { keyId: row.secretKeyId, ciphertext: row.secretCiphertext }, context);
    } catch (error) {
      if (!(error instanceof SecretUnreadableError)) throw error;
      report.unreadable.push({ id: row.id, host: hostOf(row.url), keyId: row.secretKeyId, reason: error.reason });
      continue;
    }
    const sealed = sealSecret(ring, secret, context);
    const { count } = await db.webhook.updateMany({
      where: { id: row.id, secretKeyId: row.secretKeyId, secretCiphertext: row.secretCiphertext },
      data: { secretKeyId: sealed.keyId, secretCiphertext: sealed.ciphertext },
    });
    report.moved += count;
  }
  const perKey = await db.webhook.groupBy({ by: ["secretKeyId"], _count: { _all: true } });
  report.keysInUse = Object.fromEntries(perKey.map((group) => [group.secretKeyId, group._count._all]));
  return report;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "?";
  }
}
