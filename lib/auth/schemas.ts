import { hasHiddenCharacters } from "@/lib/text-safety.browser-safe";
import { z } from "@/lib/zod";

import { AUTH_MESSAGES } from "./messages";
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-limits.browser-safe";

export { PASSWORD_MAX, PASSWORD_MIN };
export const PERSON_NAME_MAX = 100;
export const EMAIL_MAX = 254;

// Passwords that meet the length rule but are first on every guessing list.
const COMMON_PASSWORDS = new Set([
  "123456789012",
  "1234567890123",
  "password1234",
  "passwordpassword",
  "qwertyuiopas",
  "qwerty123456",
  "111111111111",
  "000000000000",
  "iloveyou1234",
  "letmein12345",
  "welcome12345",
  "administrator",
  "changeme1234",
  "abcdefghijkl",
  "abc123456789",
  "password123!",
  "Password1234",
  "Password123!",
]);

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

/** The rule for new passwords: long enough to resist guessing, checked against the obvious ones. */
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
  )
  .refine(
    (password) => new Set(password).size >= 4,
    "Use more varied characters: this password repeats too few of them.",
  )
  .refine(
    (password) => !COMMON_PASSWORDS.has(password) && !COMMON_PASSWORDS.has(password.toLowerCase()),
    "This password is on lists attackers try first. Choose another.",
  );

export const newPersonSchema = z
  .object({ name: personNameSchema, email: emailSchema, password: newPasswordSchema })
  .refine(
    (account) =>
      !account.password.toLowerCase().includes(account.email.split("@")[0]!) || account.email.split("@")[0]!.length < 4,
    {
      path: ["password"],
      message: "Do not use your email address in your password.",
    },
  );

export const signInSchema = z.object({
  email: emailSchema,
  // Not the new-password rule: someone with an older, shorter password must still be able to sign in.
  password: z
    .string({ message: "Enter your password." })
    .min(1, "Enter your password.")
    .max(PASSWORD_MAX, AUTH_MESSAGES.incorrect),
});

export type AuthFormField = "name" | "email" | "password";
