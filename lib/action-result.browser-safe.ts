import { fail, invalid, type Failure, type FailureReason } from "@/lib/failure-reasons.browser-safe";
import type { core } from "@/lib/zod-mini.browser-safe";

/** What a command answers input that is not even shaped like its form (a script posting junk). */
export const INPUT_NOT_UNDERSTOOD = "The form data was not understood. Reload the page and try again.";

/**
 * Expected failures come back as data, each with its reason (lib/failure-reasons.browser-safe.ts);
 * only bugs throw. `Field` names the form's fields, `Use` what an "in-use" failure lists.
 */
export type ActionResult<T, Field extends string = string, Use = unknown> = { ok: true; data: T } | Failure<Field, Use>;

export type ActionFailure<Field extends string = string, Use = unknown> = Failure<Field, Use>;
export type { FailureReason };

/**
 * A failed zod parse as a result: the first message for each known field ("invalid"); else the
 * message of an issue on one of `formLevelKeys` (e.g. a missing version: "reload the page");
 * else "malformed", when the input was not even shaped like the form (a script posting junk).
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
    return formLevel ? invalid(formLevel.message) : fail("malformed", INPUT_NOT_UNDERSTOOD);
  }
  return invalid("Some fields need attention.", fieldErrors);
}

/** The field errors of a result: only an "invalid" failure has any. */
export function fieldErrorsOf<Field extends string>(result: {
  ok: boolean;
  reason?: string;
  fieldErrors?: Partial<Record<Field, string>>;
}): Partial<Record<Field, string>> {
  return (!result.ok && result.reason === "invalid" && result.fieldErrors) || {};
}

/** What an action answers when a bug stopped it (the details go to the server log only). */
export const SOMETHING_WENT_WRONG = "Something went wrong on our side. Nothing was changed; please try again.";
