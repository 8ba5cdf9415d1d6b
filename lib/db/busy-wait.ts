import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Waiting for a busy database without blocking the event loop: the caller tries, and on "busy"
 * sleeps a little (a timer, so every other request is served meanwhile) and tries again, until a
 * deadline. SQLite's own busy handler would sleep inside the synchronous driver call instead,
 * freezing the whole process for as long as another program holds the lock.
 */

/** The deadline of the inTransaction call running in this async context, if any. */
const transactionDeadline = new AsyncLocalStorage<number>();

/** Runs `work` with `deadline` (ms since epoch) as the limit for waits it starts. */
export function withDeadline<T>(deadline: number, work: () => Promise<T>): Promise<T> {
  return transactionDeadline.run(deadline, work);
}

/** The deadline set by `withDeadline` around this call, or `now + waitMs`. */
export function currentDeadline(waitMs: number): number {
  return transactionDeadline.getStore() ?? Date.now() + waitMs;
}

const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 100;

/**
 * Runs `attempt` until it succeeds, fails with something `retryable` does not accept, or the
 * deadline passes (then the last error is thrown). Pauses grow from 5 ms to 100 ms, with jitter so
 * waiters do not all retry in the same tick.
 */
export async function retryUntil<T>(
  deadline: number,
  retryable: (error: unknown) => boolean,
  attempt: () => Promise<T>,
): Promise<T> {
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(pause * 2, LONGEST_PAUSE_MS)) {
    try {
      return await attempt();
    } catch (error) {
      const left = deadline - Date.now();
      if (!retryable(error) || left <= 0) throw error;
      const jittered = pause / 2 + Math.random() * pause;
      await new Promise((resolve) => setTimeout(resolve, Math.min(jittered, left)));
    }
  }
}
