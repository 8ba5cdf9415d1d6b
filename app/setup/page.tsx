import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AuthCard } from "@/components/auth/auth-card";
import { AuthForm } from "@/components/auth/auth-form";
import { getSignedInPerson, hasAnyUser } from "@/lib/auth/session";
import { setUpAdminAction } from "@/lib/people/actions";
import { currentVisitor } from "@/lib/security/client-key";

export const metadata: Metadata = { title: "Set up admin account" };

export default async function SetupPage() {
  // Only while nobody can sign in yet; after that, people are invited.
  if (await hasAnyUser()) redirect((await getSignedInPerson()) ? "/" : "/sign-in");
  // From another machine, setup needs the code from the server's log (lib/people/setup-code.ts).
  const askSetupCode = !(await currentVisitor()).fromLoopback;
  return (
    <AuthCard
      title="Set up admin account"
      intro="This is a new installation. Create the admin: they invite other people and see every credential, source and destination."
    >
      <AuthForm
        mode="create"
        action={setUpAdminAction}
        submitLabel="Create account"
        pendingLabel="Creating account…"
        askSetupCode={askSetupCode}
      />
    </AuthCard>
  );
}
