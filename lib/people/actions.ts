"use server";

import { redirect } from "next/navigation";

import { authFormFields, failedAuthForm, type AuthFormState } from "@/lib/auth/auth-form-state";
import { asSignedIn, asVisitor } from "@/lib/auth/run-action";

import { acceptInvitation } from "./accept-invitation";
import { createInvitation } from "./create-invitation";
import { removePerson } from "./remove-person";
import type { CreateInvitationResult, RemovePersonResult, RevokeInvitationResult } from "./results";
import { revokeInvitation } from "./revoke-invitation";
import { setUpAdmin } from "./set-up-admin";

// The people commands as server actions. Setup and invitations post FormData (their forms work
// without JavaScript); the People page's buttons call the others. The commands check the role.

export async function setUpAdminAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const result = await asVisitor("people", "admin setup", (visitor) => setUpAdmin(visitor, authFormFields(form)));
  if (!result.ok) return failedAuthForm(result, form);
  redirect(result.data.signedIn ? "/" : "/sign-in");
}

export async function acceptInvitationAction(
  token: string,
  _previous: AuthFormState,
  form: FormData,
): Promise<AuthFormState> {
  const result = await asVisitor("people", "accepting an invitation", (visitor) =>
    acceptInvitation(visitor, { ...authFormFields(form), token }),
  );
  if (!result.ok) return failedAuthForm(result, form);
  redirect(result.data.signedIn ? "/" : "/sign-in");
}

export async function createInvitationAction(): Promise<CreateInvitationResult> {
  return asSignedIn("people", "creating an invitation", (caller) => createInvitation(caller));
}

export async function revokeInvitationAction(input: unknown): Promise<RevokeInvitationResult> {
  return asSignedIn("people", "revoking an invitation", (caller) => revokeInvitation(caller, input));
}

export async function removePersonAction(input: unknown): Promise<RemovePersonResult> {
  return asSignedIn("people", "removing a person", (caller) => removePerson(caller, input));
}
