"use server";

import { asSignedIn } from "@/lib/auth/run-action";

import { createCredential } from "./create-credential";
import { deleteCredential } from "./delete-credential";
import { editCredential } from "./edit-credential";
import { CREDENTIAL_MESSAGES } from "./messages";
import { replaceCredentialToken } from "./replace-credential-token";
import { shareCredential } from "./share-credential";
import { unshareCredential } from "./unshare-credential";
import { verifyCredential } from "./verify-credential";

// The credential commands as server actions: each passes whatever was posted to its command, which
// parses it (the browser's checks are a convenience). No revalidatePath: every page renders per
// request, and the browser refreshes what it shows (components/ui/use-action.ts).

/** Add New Credential's Save. */
export async function createCredentialAction(connector: unknown, input: unknown) {
  // The form names the connector apart from its fields; the command takes one object (as the API does).
  const isObject = typeof input === "object" && input !== null && !Array.isArray(input);
  return asSignedIn(
    "credentials",
    "saving",
    (caller) => createCredential(caller, isObject ? { ...input, connector } : input),
    CREDENTIAL_MESSAGES.saveFailed,
  );
}

export async function verifyCredentialAction(input: unknown) {
  return asSignedIn("credentials", "verify", (caller) => verifyCredential(caller, input));
}

export async function editCredentialAction(input: unknown) {
  return asSignedIn("credentials", "edit", (caller) => editCredential(caller, input));
}

export async function replaceCredentialTokenAction(input: unknown) {
  return asSignedIn("credentials", "replace token", (caller) => replaceCredentialToken(caller, input));
}

export async function deleteCredentialAction(input: unknown) {
  return asSignedIn("credentials", "delete", (caller) => deleteCredential(caller, input));
}

export async function shareCredentialAction(input: unknown) {
  return asSignedIn("credentials", "sharing", (caller) => shareCredential(caller, input));
}

export async function unshareCredentialAction(input: unknown) {
  return asSignedIn("credentials", "ending a share", (caller) => unshareCredential(caller, input));
}
