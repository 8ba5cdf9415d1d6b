import "server-only";

import type { CredentialCursor } from "@/lib/credentials/queries";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";

// An opaque page cursor: base64url of [createdAt, id] of the last item on the page. Clients pass
// it back as-is; it names nothing they could not see (their own list's last item).

export function encodeCursor(cursor: CredentialCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

/**
 * The times a cursor may name: what toISOString writes for years 1970 to 9999 (four-digit years).
 * Every row was created in that span, and both databases hold it; a crafted year such as +275760
 * is one Prisma cannot even send (it answered 500 before this check).
 */
const CURSOR_TIME = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCursor(text: string): CredentialCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [time, id] = value;
    if (typeof time !== "string" || !CURSOR_TIME.test(time) || typeof id !== "string" || !ID_PATTERN.test(id))
      return undefined;
    const createdAt = new Date(time);
    // Only a time this API could have written: "2026-02-30…" parses, but to another day.
    if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== time) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}
