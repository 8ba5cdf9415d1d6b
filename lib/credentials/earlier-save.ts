import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import type { Caller, Person } from "@/lib/auth/person";
import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import { getDb } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { idempotencyKeyReusedMessage } from "./messages";
import { toPublicCredentials } from "./public-credential";
import type { CreateCredentialResult } from "./results";
import { readCredentialSecret } from "./secret";
import { limitTokenChecks } from "./token-check-limit";

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
 *
 * Comparing the submitted token with the stored one tells the caller whether a token they guessed
 * is the stored one, so it counts as a token check (lib/credentials/token-check-limit.ts), as
 * sending the token to ClickUp would: guesses go no faster than saves. The name, description and
 * connector are compared first, for free: a reused form with other details is refused without
 * the token being looked at. A real retry costs one check, as its first save did.
 */
export async function answerForEarlierSave(
  caller: Caller,
  idempotencyKey: string,
  submitted: Submitted,
  /** The submit already counted a token check (it raced the first save to the database). */
  options: { checkCounted?: boolean } = {},
): Promise<CreateCredentialResult | undefined> {
  const { person } = caller;
  const row = await findEarlierSave(person, idempotencyKey);
  if (!row) return undefined;
  const refusal = fail("refused", idempotencyKeyReusedMessage(row.name));
  const sameDetails =
    row.connector === submitted.connector && row.name === submitted.name && row.description === submitted.description;
  if (!sameDetails) return refusal;
  if (!options.checkCounted) {
    const limited = await limitTokenChecks(caller);
    if (limited) return limited;
  }
  const secret = await readCredentialSecret(person, row.id, "see");
  if (!secret.ok || !sameToken(secret.token, submitted.apiKey)) return refusal;
  return { ok: true, data: toPublicCredentials([row], person, getCredentialKeyRing().keys)[0] };
}

/** Compared in constant time (over digests, which have equal lengths whatever the tokens'). */
function sameToken(stored: string, submitted: string): boolean {
  const digest = (token: string) => createHash("sha256").update(token).digest();
  return timingSafeEqual(digest(stored), digest(submitted));
}
