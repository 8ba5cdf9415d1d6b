"use server";

import { redirect } from "next/navigation";

import { currentClientKey } from "@/lib/security/client-key";

import { acceptInvitation, setUpOwner, signIn, signOut } from "./accounts";
import type { AccountFormState } from "./form-state";
import { isSafeReturnPath } from "./session";

// Server actions behind the setup, invitation and sign-in forms. They take the posted FormData
// (the forms work without JavaScript too) and hand plain values to services that validate them.

const SOMETHING_WENT_WRONG = "Something went wrong on our side. Nothing was changed; please try again.";

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

function logFailure(what: string, error: unknown) {
  // Never the inputs: they include a password.
  console.error(
    `[auth] ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`,
  );
}

/** What the form shows again after a failure: never the password. */
function keep(form: FormData) {
  return { name: text(form, "name")?.slice(0, 200) ?? "", email: text(form, "email")?.slice(0, 300) ?? "" };
}

export async function setUpOwnerAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  let result;
  try {
    result = await setUpOwner({
      name: text(form, "name"),
      email: text(form, "email"),
      password: text(form, "password"),
    });
  } catch (error) {
    logFailure("owner setup", error);
    return { message: SOMETHING_WENT_WRONG, values: keep(form) };
  }
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: keep(form) };
  redirect(result.data.signedIn ? "/" : "/sign-in");
}

export async function acceptInvitationAction(
  token: string,
  _previous: AccountFormState,
  form: FormData,
): Promise<AccountFormState> {
  let result;
  try {
    result = await acceptInvitation(token, {
      name: text(form, "name"),
      email: text(form, "email"),
      password: text(form, "password"),
    });
  } catch (error) {
    logFailure("accepting an invitation", error);
    return { message: SOMETHING_WENT_WRONG, values: keep(form) };
  }
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: keep(form) };
  redirect(result.data.signedIn ? "/" : "/sign-in");
}

export async function signInAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  let result;
  try {
    result = await signIn({ email: text(form, "email"), password: text(form, "password") }, await currentClientKey());
  } catch (error) {
    logFailure("sign-in", error);
    return { message: SOMETHING_WENT_WRONG, values: keep(form) };
  }
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values: keep(form) };
  const next = text(form, "next");
  redirect(next && isSafeReturnPath(next) ? next : "/");
}

export async function signOutAction(): Promise<void> {
  try {
    await signOut();
  } catch (error) {
    logFailure("sign-out", error);
  }
  redirect("/sign-in");
}
