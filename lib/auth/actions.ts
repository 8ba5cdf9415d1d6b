"use server";

import { redirect } from "next/navigation";

import { logBug } from "@/lib/failures/failure-from-error";

import { authFormFields, failedAuthForm, formText, type AuthFormState } from "./auth-form-state";
import { safeReturnPath } from "./return-path";
import { asVisitor } from "./run-action";
import { signIn, signOut } from "./sign-in";

// Server actions behind the sign-in form and the Sign out button. They take the posted FormData
// (the forms work without JavaScript too) and hand plain values to commands that validate them.

export async function signInAction(_previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const result = await asVisitor("auth", "sign-in", (visitor) => signIn(visitor, authFormFields(form)));
  if (!result.ok) return failedAuthForm(result, form);
  redirect(safeReturnPath(formText(form, "next")) ?? "/");
}

export async function signOutAction(): Promise<void> {
  try {
    await signOut();
  } catch (error) {
    logBug("auth", "sign-out", error);
  }
  redirect("/sign-in");
}
