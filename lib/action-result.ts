import type { ConnectorFailure } from "@/lib/connectors/types";
import type { core } from "@/lib/zod-mini";

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
      message: formLevel?.message ?? "The form data was not understood. Reload the page and try again.",
    };
  }
  return { ok: false, message: "Some fields need attention.", fieldErrors };
}

/** A connector's failure as a result, keeping the rate limit's reset time. */
export function connectorFailureResult(failure: ConnectorFailure): ActionFailure {
  return {
    ok: false,
    message: failure.message,
    ...(failure.kind === "rate-limited" && failure.retryAt ? { retryAt: failure.retryAt } : {}),
  };
}
