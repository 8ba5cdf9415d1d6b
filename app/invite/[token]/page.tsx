import type { Metadata } from "next";
import Link from "next/link";

import { AccountForm } from "@/components/auth/account-form";
import { AuthCard } from "@/components/auth/auth-card";
import { FormAlert } from "@/components/ui/form-alert";
import { describeInvitation } from "@/lib/auth/accounts";
import { acceptInvitationAction } from "@/lib/auth/actions";
import { getViewer } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Accept invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, viewer] = await Promise.all([describeInvitation(token), getViewer()]);
  if (!invitation.valid) {
    return (
      <AuthCard title="Accept invitation">
        <FormAlert>
          <p>{invitation.message}</p>
        </FormAlert>
        <Link href="/sign-in" className="text-indigo-700 underline dark:text-indigo-300">
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Accept invitation"
      intro={`${invitation.invitedBy} invited you. Create your account: only you will see the credentials you add, unless you share them.`}
    >
      {viewer && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          You are signed in as {viewer.name}; creating an account here signs you in as the new person instead.
        </p>
      )}
      <AccountForm
        mode="create"
        action={acceptInvitationAction.bind(null, token)}
        submitLabel="Create account"
        pendingLabel="Creating account…"
      />
    </AuthCard>
  );
}
