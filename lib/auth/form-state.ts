import type { AccountField } from "./schema";

/** What the setup, invitation and sign-in forms get back from their server action. */
export interface AccountFormState {
  message?: string;
  fieldErrors?: Partial<Record<AccountField, string>>;
  /** The values to show again after a failure (never the password). */
  values?: { name: string; email: string };
}
