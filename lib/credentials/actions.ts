"use server";

import { asSignedIn } from "@/lib/auth/run-action";

import { createCredential } from "./create-credential";
import { deleteCredential } from "./delete-credential";
import { editCredential } from "./edit-credential";
import { keepNewAccount } from "./keep-new-account";
import { leaveShare } from "./leave-share";
import { CREDENTIAL_MESSAGES } from "./messages";
import { replaceCredentialToken } from "./replace-credential-token";
import type {
  CreateCredentialResult,
  DeleteCredentialResult,
  EditCredentialResult,
  KeepNewAccountResult,
  LeaveShareResult,
  ReplaceTokenResult,
  SetShareProxyResult,
  ShareCredentialResult,
  UnshareCredentialResult,
  VerifyCredentialResult,
} from "./results";
import { setShareProxyAllowed } from "./set-share-proxy";
import { shareCredential } from "./share-credential";
import { unshareCredential } from "./unshare-credential";
import { verifyCredential } from "./verify-credential";

// The credential commands as server actions: each passes whatever was posted to its command, which
// parses it (the browser's checks are a convenience). No revalidatePath: every page renders per
// request, and the browser refreshes what it shows (components/ui/use-action.ts).

/** Add New Credential's Save. */
export async function createCredentialAction(connector: unknown, input: unknown): Promise<CreateCredentialResult> {
  // The form names the connector apart from its fields; the command takes one object (as the API does).
  const isObject = typeof input === "object" && input !== null && !Array.isArray(input);
  return asSignedIn(
    "credentials",
    "saving",
    (caller) => createCredential(caller, isObject ? { ...input, connector } : input),
    CREDENTIAL_MESSAGES.saveFailed,
  );
}

export async function verifyCredentialAction(input: unknown): Promise<VerifyCredentialResult> {
  return asSignedIn("credentials", "verify", (caller) => verifyCredential(caller, input));
}

export async function editCredentialAction(input: unknown): Promise<EditCredentialResult> {
  return asSignedIn("credentials", "edit", (caller) => editCredential(caller, input));
}

export async function replaceCredentialTokenAction(input: unknown): Promise<ReplaceTokenResult> {
  return asSignedIn("credentials", "replace token", (caller) => replaceCredentialToken(caller, input));
}

/** "Keep the new account", when ClickUp reports another account for the token. */
export async function keepNewAccountAction(input: unknown): Promise<KeepNewAccountResult> {
  return asSignedIn("credentials", "keeping the new account", (caller) => keepNewAccount(caller, input));
}

export async function deleteCredentialAction(input: unknown): Promise<DeleteCredentialResult> {
  return asSignedIn("credentials", "delete", (caller) => deleteCredential(caller, input));
}

export async function shareCredentialAction(input: unknown): Promise<ShareCredentialResult> {
  return asSignedIn("credentials", "sharing", (caller) => shareCredential(caller, input));
}

export async function unshareCredentialAction(input: unknown): Promise<UnshareCredentialResult> {
  return asSignedIn("credentials", "ending a share", (caller) => unshareCredential(caller, input));
}

/** "Remove from my credentials", by someone it was shared with. */
export async function setShareProxyAction(input: unknown): Promise<SetShareProxyResult> {
  return asSignedIn("credentials", "changing ClickUp proxy use", (caller) => setShareProxyAllowed(caller, input));
}

export async function leaveShareAction(input: unknown): Promise<LeaveShareResult> {
  return asSignedIn("credentials", "removing a share", (caller) => leaveShare(caller, input));
}
