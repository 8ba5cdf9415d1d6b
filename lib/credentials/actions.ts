"use server";

import { getViewer, SIGNED_OUT_RESULT } from "@/lib/auth/session";
import type { CreateCredentialResult } from "@/lib/credentials/results";
import { currentClientKey } from "@/lib/security/client-key";

import { createCredential } from "./service";

/**
 * Server action behind the Add New Credential form. The argument is whatever was posted — the
 * browser's checks are a convenience, the service's zod parse decides.
 */
export async function createCredentialAction(connectorId: unknown, input: unknown): Promise<CreateCredentialResult> {
  try {
    const viewer = await getViewer();
    if (!viewer) return SIGNED_OUT_RESULT;
    // No revalidatePath: every page renders per request; the Authenticate screen refreshes itself.
    return await createCredential(connectorId, input, { viewer, clientKey: await currentClientKey() });
  } catch (error) {
    // A bug, not bad input. Log its name and message only: inputs (and the token) stay out of logs.
    console.error(
      `[credentials] saving failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
    );
    return {
      ok: false,
      message: "Something went wrong on our side while saving. Nothing was stored; please try again.",
    };
  }
}
