import "server-only";

import { createHash } from "node:crypto";

/** Only this hash of an invitation link's secret is stored, so the link cannot be read back. */
export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The secret's shape; anything else is refused before a query. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;
