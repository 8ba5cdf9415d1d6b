import type { ActionResult } from "@/lib/action-result.browser-safe";
import type { AuthFormField } from "@/lib/auth/schemas";

// What each people command returns (expected failures as data; only bugs throw).

/** `signedIn: false`: the person exists but the session could not be started; go and sign in. */
export type NewPersonResult = ActionResult<{ name: string; signedIn: boolean }, AuthFormField>;
export type CreateInvitationResult = ActionResult<{ path: string; expiresAt: string }>;
export type RevokeInvitationResult = ActionResult<null>;
export type RemovePersonResult = ActionResult<{ name: string; transferred: number; deletedEndpoints: number }>;

export type InvitationState = { valid: true; invitedBy: string; expiresAt: string } | { valid: false; message: string };

export interface PendingInvitation {
  id: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
}

/** A row of the People page. */
export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  role: "admin" | "member";
  createdAt: string;
  credentialCount: number;
  endpointCount: number;
}
