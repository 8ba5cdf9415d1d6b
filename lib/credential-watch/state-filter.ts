import "server-only";

import { getCredentialKeyRing } from "@/lib/config/encryption-keys";
import type { Prisma } from "@/lib/generated/prisma/client";

import { NEEDS_ATTENTION_STATES, type CredentialState } from "./states.browser-safe";

/** A list's state filter: one state, or "attention" — the states a person must act on. */
export type StateFilter = CredentialState | "attention";

/**
 * Credentials in a state, as the pages and the API show it: a token whose encryption key left the
 * ring is unreadable whatever its last check said (lib/credentials/public-credential.ts).
 */
export function stateFilter(filter: StateFilter | undefined): Prisma.CredentialWhereInput {
  if (!filter) return {};
  const keyIds = [...getCredentialKeyRing().keys.keys()];
  const keyGone = { secretKeyId: { notIn: keyIds } };
  const keyHere = { secretKeyId: { in: keyIds } };
  if (filter === "attention") return { OR: [{ state: { in: [...NEEDS_ATTENTION_STATES] } }, keyGone] };
  if (filter === "unreadable") return { OR: [{ state: "unreadable" }, keyGone] };
  return { state: filter, ...keyHere };
}
