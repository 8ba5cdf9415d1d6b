import { FormAlert } from "./form-alert";
import { SuccessNotice } from "./success-notice";

/** What the last action on a page did, as a person reads it. */
export interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * Where a page says how its last action went: a success as a status, a failure as an alert. The
 * live region is always rendered, so the first message is announced too; while empty it takes no
 * room (screen-reader-only), so it leaves no gap in a spaced layout.
 */
export function ActionOutcome({ outcome, boxed = false }: { outcome?: Outcome; boxed?: boolean }) {
  return (
    <div aria-live="polite" className="empty:sr-only">
      {outcome?.ok &&
        (boxed ? (
          <SuccessNotice>{outcome.text}</SuccessNotice>
        ) : (
          <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">
            {outcome.text}
          </p>
        ))}
      {outcome && !outcome.ok && (
        <FormAlert>
          <p>{outcome.text}</p>
        </FormAlert>
      )}
    </div>
  );
}
