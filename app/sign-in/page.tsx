import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { signInAction } from "@/lib/auth/actions";
import { safeReturnPath } from "@/lib/auth/return-path";
import { getSignedInPerson, hasAnyUser } from "@/lib/auth/session";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getSignedInPerson()) redirect("/");
  const next = safeReturnPath(firstParam((await searchParams).next));
  return (
    <AuthCard title="Sign in" intro="New here? Ask the admin of this app for an invitation link.">
      <AuthForm mode="sign-in" action={signInAction} submitLabel="Sign in" pendingLabel="Signing in…" next={next} />
    </AuthCard>
  );
}
