// What sign-in and the password rules tell a person, in one place.

export const AUTH_MESSAGES = {
  // One message for "no such person" and "wrong password", so neither can be probed.
  incorrect: "Incorrect email or password.",
  tooManyAttempts: (minutes: number) =>
    `Too many sign-in attempts. For your security, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  busy: "The server is busy. Try again in a moment.",
  tooManyNewSignIns: (minutes: number) =>
    `Too many attempts from your network. For your security, try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
  passwordTooEasy: "This password is too easy to guess.",
  passwordHasPersonalData: "It contains your name or email address.",
  passwordPatterns: (parts: string) => `It is mostly ${parts}, which attackers try early.`,
  addWords: "Add more words that are less common.",
} as const;
