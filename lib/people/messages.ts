// What the people commands (setup, invitations, removal) tell a person, in one place.

export const PEOPLE_MESSAGES = {
  adminOnly: "Only the admin can manage people.",
  alreadySetUp: "This app already has an admin. Sign in instead.",
  emailTaken: "Someone with this email address can sign in here already. Sign in instead, or use another address.",
  invitationUnusable:
    "This invitation link is not valid: it may have been used already, revoked, or mistyped. Ask the person who invited you for a new link.",
  invitationExpired: "This invitation link has expired. Ask the person who invited you for a new one.",
  invitationGone: "This invitation no longer exists. Reload the page.",
  invitationUsedOrRevoked: "This invitation was already used or revoked. Reload the page.",
  personGone: "This person no longer has a sign-in here. Reload the page.",
  adminNotRemovable: "The admin cannot be removed.",
  setupCodeMissing:
    "Enter the setup code. It is in the server's start-up log, on the line after “[setup] No admin yet”. It is asked because you are not on the server's own machine.",
  setupCodeWrong:
    "That is not the setup code. Copy it from the server's start-up log, on the line after “[setup] No admin yet” (each start prints a new one; any of them works).",
  tooManySetupCodeGuesses: (minutes: number) =>
    `Too many wrong setup codes from your network. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or set up from the server's own machine (http://localhost), where no code is asked.`,
} as const;
