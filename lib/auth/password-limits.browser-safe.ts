// Limits shared by the account forms (in the browser) and their server-side schema; kept apart
// from lib/auth/schema.ts so the browser does not load zod for two numbers.
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;
