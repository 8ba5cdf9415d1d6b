import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AccountForm } from "@/components/auth/account-form";
import { AuthCard } from "@/components/auth/auth-card";
import { signInAction } from "@/lib/auth/actions";
import { getViewer, hasAnyUser, isSafeReturnPath } from "@/lib/auth/session";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getViewer()) redirect("/");
  const next = firstParam((await searchParams).next);
  return (
    <AuthCard title="Sign in" intro="No account yet? Ask the owner of this app for an invitation link.">
      <AccountForm
        mode="sign-in"
        action={signInAction}
        submitLabel="Sign in"
        pendingLabel="Signing in…"
        next={next && isSafeReturnPath(next) ? next : undefined}
      />
    </AuthCard>
  );
}
