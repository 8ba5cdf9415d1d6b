/** The signed-in person, as the rest of the app sees them. */
export interface Person {
  id: string;
  name: string;
  email: string;
  /** "admin": the one person created at first-run setup; "member": everyone invited. */
  role: Role;
}

export type Role = "admin" | "member";

export function toRole(value: unknown): Role {
  return value === "admin" ? "admin" : "member";
}

/**
 * Who a command runs for: the signed-in person, and their client address for abuse limits
 * (lib/security/client-key.ts). Every command in lib/<feature>/ takes this first.
 */
export interface Caller {
  person: Person;
  clientKey: string;
}

/** Who a command for signed-out people (setup, invitation, sign-in) runs for: just a client address. */
export interface Visitor {
  clientKey: string;
}
