"use server";

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
// parses it; a bug is logged by name and message only (inputs, and tokens, stay out of logs).

const SOMETHING_WENT_WRONG = { ok: false as const, message: "Something went wrong on our side. Nothing was changed; please try again." };

async function guarded<T extends { ok: boolean }>(what: string, run: () => Promise<T>): Promise<T | typeof SOMETHING_WENT_WRONG> {
  try {
    // No revalidatePath: every page renders per request, and the client refreshes what it shows.
    return await run();
  } catch (error) {
    console.error(`[credentials] ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`);
    return SOMETHING_WENT_WRONG;
  }
}

export async function verifyCredentialAction(input: unknown): Promise<VerifyCredentialResult> {
  return guarded("verify", async () => verifyCredential(input, { clientKey: await currentClientKey() }));
}

export async function editCredentialAction(input: unknown): Promise<EditCredentialResult> {
  return guarded("edit", () => editCredential(input));
}

export async function replaceCredentialTokenAction(input: unknown): Promise<ReplaceTokenResult> {
  return guarded("replace token", async () => replaceCredentialToken(input, { clientKey: await currentClientKey() }));
}

export async function deleteCredentialAction(input: unknown): Promise<DeleteCredentialResult> {
  return guarded("delete", () => deleteCredential(input));
}
