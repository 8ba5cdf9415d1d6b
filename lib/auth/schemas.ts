import { hasHiddenCharacters } from "@/lib/text-safety.browser-safe";
import { z } from "@/lib/zod";

import { AUTH_MESSAGES } from "./messages";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-limits.browser-safe";
import { passwordWeakness } from "./password-strength";

export { PASSWORD_MAX, PASSWORD_MIN };
export const PERSON_NAME_MAX = 100;
export const EMAIL_MAX = 254;

export const personNameSchema = z
  .string({ message: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(PERSON_NAME_MAX, `Keep the name to ${PERSON_NAME_MAX} characters or fewer.`)
  .refine(
    (name) => !hasHiddenCharacters(name),
    "The name contains invisible or control characters. Type it as plain text.",
  );

/** Emails are compared and stored lower-cased: "Ana@Example.com" and "ana@example.com" are one person. */
export const emailSchema = z
  .string({ message: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(EMAIL_MAX, `An email address has at most ${EMAIL_MAX} characters.`)
  .refine((email) => !hasHiddenCharacters(email), "The email address contains invisible or control characters.")
  .pipe(z.email({ message: "Enter an email address such as name@example.com." }))
  .transform((email) => email.toLowerCase());

/** The rule for new passwords on their own: long enough, and storable. */
export const newPasswordSchema = z
  .string({ message: "Choose a password." })
  .min(1, "Choose a password.")
  .min(
    PASSWORD_MIN,
    `Use at least ${PASSWORD_MIN} characters. A few unrelated words make a strong, memorable password.`,
  )
  .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters.`)
  .refine(
    (password) => password.isWellFormed(),
    "The password contains characters that cannot be stored. Type it again.",
  );

/**
 * A new person's name, email and password; the password must also be hard to guess for them
 * (zxcvbn, given their name and email). Checked once the fields are valid, so a too-short password
 * is told about its length first. Asynchronous (the dictionaries load on first use): parse it with
 * safeParseAsync.
 */
export const newPersonSchema = z
  .object({ name: personNameSchema, email: emailSchema, password: newPasswordSchema })
  .superRefine(async (person, context) => {
    const weakness = await passwordWeakness(person.password, person);
    if (weakness) context.addIssue({ code: "custom", path: ["password"], message: weakness });
  });

export const signInSchema = z.object({
  email: emailSchema,
  // Not the new-password rule: someone with an older, shorter password must still be able to sign in.
  password: z
    .string({ message: "Enter your password." })
    .min(1, "Enter your password.")
    .max(PASSWORD_MAX, AUTH_MESSAGES.incorrect),
});

export type AuthFormField = "name" | "email" | "password" | "setupCode";
