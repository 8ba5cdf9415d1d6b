"use server";

import { asSignedIn } from "@/lib/auth/signed-in-action";
import { currentClientKey } from "@/lib/security/client-key";

import {
  deleteCredential,
  editCredential,
  replaceCredentialToken,
  verifyCredential,
  type DeleteCredentialResult,
  type EditCredentialResult,
  type ReplaceTokenResult,
  type VerifyCredentialResult,
} from "./manage";

// Server actions for the credential detail page. Each passes what was posted to a service that
// parses it (asSignedIn checks the session and logs bugs without inputs). No revalidatePath:
// every page renders per request, and the client refreshes what it shows.

export async function verifyCredentialAction(input: unknown): Promise<VerifyCredentialResult> {
  return asSignedIn("credentials", "verify", async (viewer) =>
    verifyCredential(input, { viewer, clientKey: await currentClientKey() }),
  );
}

export async function editCredentialAction(input: unknown): Promise<EditCredentialResult> {
  return asSignedIn("credentials", "edit", (viewer) => editCredential(viewer, input));
}

export async function replaceCredentialTokenAction(input: unknown): Promise<ReplaceTokenResult> {
  return asSignedIn("credentials", "replace token", async (viewer) =>
    replaceCredentialToken(input, { viewer, clientKey: await currentClientKey() }),
  );
}

export async function deleteCredentialAction(input: unknown): Promise<DeleteCredentialResult> {
  return asSignedIn("credentials", "delete", (viewer) => deleteCredential(viewer, input));
}
