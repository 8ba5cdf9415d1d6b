"use server";

import { getViewer, SIGNED_OUT_RESULT } from "@/lib/auth/session";

import { createConnection, type CreateConnectionResult } from "./service";

/** Server action behind the Configure step's Create button; the service's zod parse decides. */
export async function createConnectionAction(input: unknown): Promise<CreateConnectionResult> {
  try {
    const viewer = await getViewer();
    if (!viewer) return SIGNED_OUT_RESULT;
    // No revalidatePath: every page renders per request anyway, and revalidating would re-render
    // the Configure page in this response — asking ClickUp for its Workspaces once more.
    return await createConnection(viewer, input);
  } catch (error) {
    console.error(
      `[connections] creating failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
    );
    return {
      ok: false,
      message: "Something went wrong on our side while creating it. Nothing was stored; please try again.",
    };
  }
}
