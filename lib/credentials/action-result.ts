import type { PublicCredential } from "./public-credential";
import type { NewCredentialField } from "./schema";

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
    };

export type CreateCredentialResult = ActionResult<PublicCredential, NewCredentialField>;
