/** The signed-in person, as the rest of the app sees them. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  /** "owner": the administrator created at first-run setup; "member": everyone invited. */
  role: "owner" | "member";
}

export function toRole(value: unknown): Viewer["role"] {
  return value === "owner" ? "owner" : "member";
}
