import "server-only";

import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { openSecret, sealSecret, SecretUnreadableError } from "@/lib/crypto/secret-box";
import { getDb, inTransaction } from "@/lib/db/client";
import { rotateWebhookKeys, type WebhookRotationReport } from "@/lib/webhooks/rotate-webhook-keys";

import { recordCredentialEvent } from "./activity";
import { countCredentialsByKey } from "./queries";
import { credentialSecretContext } from "./secret";

export interface RotationReport {
  activeKeyId: string;
  moved: number;
  /** Credentials that could not be re-encrypted (their key is missing or their ciphertext is damaged). */
  unreadable: { id: string; name: string; keyId: string; reason: string }[];
  /** Key ids still named by some credential after the run, with counts. */
  keysInUse: Record<string, number>;
  /** Webhook signing secrets are sealed with the same keys, so the same run re-seals them. */
  webhooks: WebhookRotationReport;
}

/**
 * Re-encrypts every credential not sealed with the active key, in batches, then every webhook
 * signing secret (lib/webhooks/rotate-webhook-keys.ts). Each row is swapped
 * only if it still holds the ciphertext that was read (compare-and-swap), so a token replaced
 * meanwhile is never overwritten, an interrupted run loses nothing, and a second run continues.
 * Each row's swap and its Activity entry are one transaction.
 */
export async function rotateCredentialKeys(
  options: { batchSize?: number; onBatch?: (movedSoFar: number) => void | Promise<void> } = {},
): Promise<RotationReport> {
  const ring = getCredentialKeyRing();
  const batchSize = options.batchSize ?? 100;
  const db = getDb();
  const report: RotationReport = {
    activeKeyId: ring.activeKeyId,
    moved: 0,
    unreadable: [],
    keysInUse: {},
    webhooks: { moved: 0, unreadable: [], keysInUse: {} },
  };
  let cursor = "";
  for (;;) {
    const batch = await db.credential.findMany({
      where: { secretKeyId: { not: ring.activeKeyId }, id: { gt: cursor } },
      select: { id: true, name: true, secretKeyId: true, secretCiphertext: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      const context = credentialSecretContext(row.id);
      let token: string;
      try {
        token = openSecret(ring, { keyId: row.secretKeyId, ciphertext: row.secretCiphertext }, context);
      } catch (error) {
        if (!(error instanceof SecretUnreadableError)) throw error;
        report.unreadable.push({ id: row.id, name: row.name, keyId: row.secretKeyId, reason: error.reason });
        continue;
      }
      const sealed = sealSecret(ring, token, context);
      // The swap and its Activity entry commit together: a run killed or failing in between
      // leaves the row as it was (and the next run moves it), never moved without its entry.
      const moved = await inTransaction(async (tx) => {
        const { count } = await tx.credential.updateMany({
          where: { id: row.id, secretKeyId: row.secretKeyId, secretCiphertext: row.secretCiphertext },
          data: { secretKeyId: sealed.keyId, secretCiphertext: sealed.ciphertext },
        });
        if (count !== 1) return false;
        await recordCredentialEvent(
          {
            credentialId: row.id,
            credentialName: row.name,
            type: "key_rotated",
            detail: `Token re-encrypted from key "${row.secretKeyId}" to key "${sealed.keyId}".`,
          },
          tx,
        );
        return true;
      });
      if (moved) report.moved += 1;
    }
    cursor = batch[batch.length - 1].id;
    await options.onBatch?.(report.moved);
  }
  report.keysInUse = await countCredentialsByKey();
  report.webhooks = await rotateWebhookKeys();
  return report;
}
