"use client";

import { useRouter } from "next/navigation";
import { useCallback, useState } from "react";

import { REQUEST_FAILED_MESSAGE } from "./messages";

/**
 * What `run` gives back when the call itself failed (network gone, server down): the server never
 * answered, so this is the browser's own reason, apart from the server's closed list.
 */
export interface RequestFailed {
  ok: false;
  reason: "no-answer";
  message: string;
}

interface Options {
  /**
   * Re-render the page's server components once the server has answered: "always" where even a
   * refusal can change what the page shows (a failed verification records the credential's
   * health; a share refused because the person was just removed), "on-success" where only a
   * success does. Never after the call itself failed: the server did not answer.
   */
  refresh?: "always" | "on-success";
  /** Shown when the call itself fails; by default the shared REQUEST_FAILED_MESSAGE. */
  failureMessage?: string;
}

/**
 * Calls server actions from the browser: `pending` is true while a call runs (for disabling
 * buttons and dialogs), and a call that throws instead of answering becomes a `RequestFailed`
 * result, so callers handle one shape. Actions answer `{ ok: true, data }` or `{ ok: false, reason, message, ... }`.
 */
export function useAction({ refresh, failureMessage = REQUEST_FAILED_MESSAGE }: Options = {}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);

  // Stable across renders, so it can be a dependency of an effect (the Configure step's listing).
  const run = useCallback(
    async <T extends { ok: boolean }>(call: () => Promise<T>): Promise<T | RequestFailed> => {
      setPending(true);
      try {
        const result = await call();
        if (refresh === "always" || (refresh === "on-success" && result.ok)) router.refresh();
        return result;
      } catch {
        return { ok: false, reason: "no-answer", message: failureMessage };
      } finally {
        setPending(false);
      }
    },
    [router, refresh, failureMessage],
  );

  return { pending, run };
}
