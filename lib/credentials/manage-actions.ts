"use server";

import { getViewer, SIGNED_OUT_RESULT } from "@/lib/auth/session";
import type { Viewer } from "@/lib/auth/viewer";
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

async function guarded<T extends { ok: boolean }>(
  what: string,
  run: (viewer: Viewer) => Promise<T>,
): Promise<T | typeof SOMETHING_WENT_WRONG | typeof SIGNED_OUT_RESULT> {
  try {
    // Every action checks the session itself: pages being protected does not protect actions.
    const viewer = await getViewer();
    if (!viewer) return SIGNED_OUT_RESULT;
    // No revalidatePath: every page renders per request, and the client refreshes what it shows.
    return await run(viewer);
  } catch (error) {
    console.error(`[credentials] ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`);
    return SOMETHING_WENT_WRONG;
  }
}

export async function verifyCredentialAction(input: unknown): Promise<VerifyCredentialResult> {
  return guarded("verify", async (viewer) => verifyCredential(input, { viewer, clientKey: await currentClientKey() }));
}

export async function editCredentialAction(input: unknown): Promise<EditCredentialResult> {
  return guarded("edit", (viewer) => editCredential(viewer, input));
}

export async function replaceCredentialTokenAction(input: unknown): Promise<ReplaceTokenResult> {
  return guarded("replace token", async (viewer) => replaceCredentialToken(input, { viewer, clientKey: await currentClientKey() }));
}

export async function deleteCredentialAction(input: unknown): Promise<DeleteCredentialResult> {
  return guarded("delete", (viewer) => deleteCredential(viewer, input));
}
