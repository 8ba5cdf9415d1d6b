/** Expected failures come back as data; only bugs throw. */
export type ActionResult<T, Field extends string = string> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** Form-level explanation, shown in the dialog's alert. */
      message: string;
      fieldErrors?: Partial<Record<Field, string>>;
      /** When a rate limit lifts (ISO time), if known. */
      retryAt?: string;
      /** The selected credential cannot be used (deleted, rejected by the connector, undecryptable). */
      needsOtherCredential?: boolean;
    };
