"use server";

import { getViewer, SIGNED_OUT_RESULT } from "@/lib/auth/session";
import { shareCredential, unshareCredential } from "./sharing";

// Server actions for the Sharing section of a credential's page; the services check everything.

const SOMETHING_WENT_WRONG = { ok: false as const, message: "Something went wrong on our side. Nothing was changed; please try again." };

export async function shareCredentialAction(input: unknown) {
  try {
    const viewer = await getViewer();
    return viewer ? await shareCredential(viewer, input) : SIGNED_OUT_RESULT;
  } catch (error) {
    console.error(`[credentials] sharing failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`);
    return SOMETHING_WENT_WRONG;
  }
}

export async function unshareCredentialAction(input: unknown) {
  try {
    const viewer = await getViewer();
    return viewer ? await unshareCredential(viewer, input) : SIGNED_OUT_RESULT;
  } catch (error) {
    console.error(`[credentials] ending a share failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`);
    return SOMETHING_WENT_WRONG;
  }
}
