import { FormAlert } from "./form-alert";

/** What the last action on a page did, as a person reads it. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * Where a page says how its last action went: a success as a status, a failure as an alert. The
 * live region is always rendered, so the first message is announced too.
 */
export function ActionOutcome({ outcome, boxed = false }: { outcome?: Outcome; boxed?: boolean }) {
  return (
    <div aria-live="polite">
      {outcome?.ok && (
        <p
          role="status"
          className={
            boxed
              ? "rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
              : "text-sm text-emerald-800 dark:text-emerald-300"
          }
        >
          {outcome.text}
        </p>
      )}
      {outcome && !outcome.ok && (
        <FormAlert>
          <p>{outcome.text}</p>
        </FormAlert>
      )}
    </div>
  );
}
