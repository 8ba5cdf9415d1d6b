import "server-only";

import { getViewer, SIGNED_OUT_RESULT } from "./session";
import type { Viewer } from "./viewer";

export const SOMETHING_WENT_WRONG = {
  ok: false as const,
  message: "Something went wrong on our side. Nothing was changed; please try again.",
};

/**
 * The body of a server action for signed-in people: checks the session itself (pages being
 * protected does not protect actions), then runs the service. A bug is logged as
 * "[area] what failed: Name: message" only — inputs, and tokens, stay out of logs.
 */
export async function asSignedIn<T>(
  area: string,
  what: string,
  run: (viewer: Viewer) => Promise<T>,
): Promise<T | typeof SIGNED_OUT_RESULT | typeof SOMETHING_WENT_WRONG> {
  try {
    const viewer = await getViewer();
    if (!viewer) return SIGNED_OUT_RESULT;
    return await run(viewer);
  } catch (error) {
    console.error(
      `[${area}] ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
    );
    return SOMETHING_WENT_WRONG;
  }
}
