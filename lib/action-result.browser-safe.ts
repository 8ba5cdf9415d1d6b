import type { core } from "@/lib/zod-mini.browser-safe";

/** What a command answers input that is not even shaped like its form (a script posting junk). */
export const INPUT_NOT_UNDERSTOOD = "The form data was not understood. Reload the page and try again.";

/** Expected failures come back as data; only bugs throw. */
export type ActionResult<T, Field extends string = string> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** Form-level explanation, shown in the form's alert. */
      message: string;
      fieldErrors?: Partial<Record<Field, string>>;
      /** When a rate limit lifts (ISO time), if known. */
      retryAt?: string;
      /** The selected credential cannot be used (deleted, rejected by the connector, undecryptable). */
      needsOtherCredential?: boolean;
      /** No (longer a) valid session: nothing was done; the person must sign in again. */
      signedOut?: boolean;
    };

export type ActionFailure<Field extends string = string> = Extract<ActionResult<never, Field>, { ok: false }>;

/**
 * A failed zod parse as a result: the first message for each known field; else the message of an
 * issue on one of `formLevelKeys` (e.g. a missing version: "reload the page"); else a generic
 * form-level message, when the input was not even shaped like the form (a script posting junk).
 */
export function invalidInput<Field extends string>(
  error: core.$ZodError,
  fields: readonly Field[],
  formLevelKeys: readonly string[] = [],
): ActionFailure<Field> {
  const fieldErrors: Partial<Record<Field, string>> = {};
  for (const issue of error.issues) {
    const field = issue.path[0] as Field;
    if (fields.includes(field) && !fieldErrors[field]) fieldErrors[field] = issue.message;
  }
  if (Object.keys(fieldErrors).length === 0) {
    const formLevel = error.issues.find((issue) => formLevelKeys.includes(String(issue.path[0])));
    return {
      ok: false,
      message: formLevel?.message ?? INPUT_NOT_UNDERSTOOD,
    };
  }
  return { ok: false, message: "Some fields need attention.", fieldErrors };
}

/** What an action answers when a bug stopped it (the details go to the server log only). */
export const SOMETHING_WENT_WRONG = "Something went wrong on our side. Nothing was changed; please try again.";
