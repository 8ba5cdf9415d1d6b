import type { AuthFormField } from "./schemas";

/** What the setup, invitation and sign-in forms get back from their server action. */
export interface AuthFormState {
  message?: string;
  fieldErrors?: Partial<Record<AuthFormField, string>>;
  /** The values to show again after a failure (never the password). */
  values?: { name: string; email: string };
}

/** A text field of a posted form (the forms work without JavaScript, so they post FormData). */
export function formText(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** The fields the setup, invitation and sign-in commands read. */
export function authFormFields(form: FormData) {
  return {
    name: formText(form, "name"),
    email: formText(form, "email"),
    password: formText(form, "password"),
    setupCode: formText(form, "setupCode"),
  };
}

/** A failure as the form shows it again: never the password. */
export function failedAuthForm(
  result: { message: string; fieldErrors?: AuthFormState["fieldErrors"] },
  form: FormData,
): AuthFormState {
  return {
    message: result.message,
    fieldErrors: result.fieldErrors,
    values: { name: formText(form, "name")?.slice(0, 200) ?? "", email: formText(form, "email")?.slice(0, 300) ?? "" },
  };
}
