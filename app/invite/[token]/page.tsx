import type { Metadata } from "next";
import Link from "next/link";

import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { FormAlert } from "@/components/ui/form-alert";
import { standaloneLinkClass } from "@/components/ui/text-link";
import { getSignedInPerson } from "@/lib/auth/session";
import { acceptInvitationAction } from "@/lib/people/actions";
import { describeInvitation } from "@/lib/people/queries";

export const metadata: Metadata = { title: "Accept invitation" };

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, person] = await Promise.all([describeInvitation(token), getSignedInPerson()]);
  if (!invitation.valid) {
    return (
      <AuthCard title="Accept invitation">
        <FormAlert>
          <p>{invitation.message}</p>
        </FormAlert>
        <Link href="/sign-in" className={`${standaloneLinkClass} text-indigo-700 underline dark:text-indigo-300`}>
          Go to sign-in
        </Link>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Accept invitation"
      intro={`${invitation.invitedBy} invited you. Choose your name, email and password: only you will see the credentials you add, unless you share them.`}
    >
      {person && (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          You are signed in as {person.name}; continuing here signs you in as the new person instead.
        </p>
      )}
      <AuthForm
        mode="create"
        action={acceptInvitationAction.bind(null, token)}
        submitLabel="Create account"
        pendingLabel="Creating account…"
      />
    </AuthCard>
  );
}
