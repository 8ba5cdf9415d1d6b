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
  /** Set when the request came through the API with one of the person's API keys (lib/api-keys/). */
  apiKey?: { id: string; name: string };
}

/** A caller from a page: also the session they are signed in with (an OAuth state is bound to it). */
export interface SessionCaller extends Caller {
  sessionId: string;
}

/** Who did it, as Activity records it: "Ana", or "Ana via API key deploy-bot". */
export function actorName(caller: Caller): string {
  return caller.apiKey ? `${caller.person.name} via API key ${caller.apiKey.name}` : caller.person.name;
}

/** Who a command for signed-out people (setup, invitation, sign-in) runs for: just a client address. */
export interface Visitor {
  clientKey: string;
  /** Whether they are on this machine (a loopback client); unknown counts as not. */
  fromLoopback?: boolean;
}
