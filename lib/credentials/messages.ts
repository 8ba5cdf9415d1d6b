// What the credential commands tell a person, in one place. Never a token (at most its last four
// characters): these strings reach pages, API answers and the Activity.

import { formatClickUpAccount } from "@/lib/format/account.browser-safe";

export const CREDENTIAL_MESSAGES = {
  notFound: "This credential no longer exists (it may have been deleted). Go back to the credentials list.",
  ownerOnly:
    "Only the credential's owner can change, share or delete it. It was shared with you for use in your own sources and destinations.",
  ownerOnlyShare: "Only the credential's owner can share it.",
  stale:
    "This credential was changed elsewhere (in another tab or by someone else) since you opened it. Nothing was saved: reload to see the latest version, then make your change again.",
  unknownConnector: "Unknown connector. Reload the page and try again.",
  unreadable: "The stored token can no longer be decrypted. Replace the token to use this credential again.",
  unreadableReconnect: "The stored token can no longer be decrypted. Reconnect to use this credential again.",
  unreadableReason: "The stored token can no longer be decrypted.",
  notAccountChanged:
    "ClickUp no longer reports another account for this token, so there is nothing to keep. Reload the page to see its state.",
  reconnectInstead:
    "This credential connects with OAuth: its token comes from ClickUp, not from a pasted personal token. Use Reconnect to authorise it again.",
  saveFailed: "Something went wrong on our side while saving. Nothing was stored; please try again.",
  chooseSharePerson: "Choose a person to share with.",
  sharePersonGone: "That person no longer has a sign-in here. Reload the page.",
  shareGone: "This share no longer exists. Reload the page.",
  notSharedAnyMore: "It is no longer shared with that person. Reload the page.",
  leaveOwnCredential: "This credential is yours: it was not shared with you. Delete it if you no longer need it.",
  notSharedWithYou: "This credential is no longer shared with you. Reload the page.",
} as const;

/** Why someone it was shared with cannot remove it yet: their own sources and destinations use it. */
export function leaveShareInUseMessage(credentialName: string, uses: { name: string }[]): string {
  const names = uses.map((use) => `"${use.name}"`).join(", ");
  const subject =
    uses.length === 1 ? `Your source or destination ${names} uses` : `Your sources and destinations ${names} use`;
  const them = uses.length === 1 ? "it" : "them";
  return `${subject} "${credentialName}". Switch ${them} to another credential or delete ${them} first.`;
}

export function duplicateCredentialNameMessage(name: string, connectorName: string): string {
  return `A ${connectorName} credential named "${name}" already exists. Choose another name.`;
}

/**
 * A save whose idempotency key (one per opening of Add New Credential) already stored a different
 * credential: the form was submitted again with other details after a save went through.
 */
export function idempotencyKeyReusedMessage(storedName: string): string {
  return `This form already saved the credential "${storedName}", with other details than these. Nothing else was stored. Close this overlay and open Add New Credential again to add another one.`;
}

/** A token check refused by the limit per client address, or by the one per person. */
export function tooManyTokenChecksMessage(by: "client" | "person", limit: number, retryAfterSeconds: number): string {
  const whose = by === "client" ? "from your connection" : "by you";
  const where = by === "client" ? "" : ", from any connection";
  return `Too many token checks ${whose} (at most ${limit} a minute${where}). Nothing was sent to ClickUp; try again in ${retryAfterSeconds} seconds.`;
}

/** Verify now refused by the cap per credential: it counts everyone's checks of the credential. */
export function tooManyVerificationsMessage(limit: number, retryAfterSeconds: number): string {
  return `This credential was verified too often in the last minute (at most ${limit} a minute, by everyone who can use it: each check spends its owner's ClickUp allowance). Nothing was sent to ClickUp; try again in ${retryAfterSeconds} seconds.`;
}

/** A ClickUp account in a message or Activity: "Name (email)", as the UI names it. */
export function describeAccount(account: { name: string; email: string }): string {
  return formatClickUpAccount(account) || "an unnamed account";
}
