import type { PublicCredential } from "@/lib/credentials/public-credential";
import { formatClickUpAccount } from "@/lib/format/account.browser-safe";

/**
 * What the Authenticate screen says once a credential is added, by Save or by Connect to ClickUp.
 * A plain module (no "use client"), so the server page can build the same text after OAuth.
 */
export function credentialAddedMessage(credential: PublicCredential): string {
  const account = formatClickUpAccount(credential.account);
  return `Credential "${credential.name}" added and selected. ClickUp confirmed it belongs to ${account || "your ClickUp account"}.`;
}
