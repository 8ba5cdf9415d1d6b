// What sign-in and the password rules tell a person, in one place.

export const AUTH_MESSAGES = {
  // One message for "no such person" and "wrong password", so neither can be probed.
  incorrect: "Incorrect email or password.",
  tooManyAttempts: (minutes: number) =>
    `Too many sign-in attempts. For your security, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
} as const;
