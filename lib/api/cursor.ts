import "server-only";

import type { CredentialCursor } from "@/lib/credentials/queries";
import { ID_PATTERN } from "@/lib/text-safety.browser-safe";

// An opaque page cursor: base64url of [createdAt, id] of the last item on the page. Clients pass
// it back as-is; it names nothing they could not see (their own list's last item).

export function encodeCursor(cursor: CredentialCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt.toISOString(), cursor.id])).toString("base64url");
}

export function decodeCursor(text: string): CredentialCursor | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [time, id] = value;
    const createdAt = new Date(typeof time === "string" ? time : NaN);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== "string" || !ID_PATTERN.test(id)) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}
