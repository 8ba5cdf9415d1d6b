import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import type { Person } from "@/lib/auth/person";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { idempotencyKeyReusedMessage } from "./messages";
import { toPublicCredentials } from "./public-credential";
import type { CreateCredentialResult } from "./results";
import { readCredentialSecret } from "./secret";

/** What a save submitted, after its schema parsed it. */
interface Submitted {
  connector: string;
  name: string;
  description: string;
  apiKey: string;
}

/** The person's credential stored by this idempotency key, if any (keys are per person). */
function findEarlierSave(person: Person, idempotencyKey: string) {
  return getDb().credential.findFirst({
    where: { ownerId: person.id, idempotencyKey },
    include: { _count: { select: { endpoints: true } } },
  });
}

/**
 * The answer to a save whose idempotency key already stored a credential of this person: that
 * credential, when the submit is the same one again (same connector, name, description and token:
 * a retry whose first answer was lost); a refusal naming it when the key comes with anything else
 * (a form reused for other details must not be told "saved" about a credential it did not
 * describe). Undefined when the key stored nothing yet. Keys are looked up among the person's own
 * credentials only, so a key can never find someone else's.
 */
export async function answerForEarlierSave(
  person: Person,
  idempotencyKey: string,
  submitted: Submitted,
): Promise<CreateCredentialResult | undefined> {
  const row = await findEarlierSave(person, idempotencyKey);
  if (!row) return undefined;
  const secret = await readCredentialSecret(person, row.id, "see");
  const same =
    row.connector === submitted.connector &&
    row.name === submitted.name &&
    row.description === submitted.description &&
    secret.ok &&
    sameToken(secret.token, submitted.apiKey);
  if (!same) return fail("refused", idempotencyKeyReusedMessage(row.name));
  return { ok: true, data: toPublicCredentials([row], person, getCredentialKeyRing().keys)[0] };
}

/** Compared in constant time (over digests, which have equal lengths whatever the tokens'). */
function sameToken(stored: string, submitted: string): boolean {
  const digest = (token: string) => createHash("sha256").update(token).digest();
  return timingSafeEqual(digest(stored), digest(submitted));
}
