import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AccountForm } from "@/components/auth/account-form";
import { AuthCard } from "@/components/auth/auth-card";
import { setUpOwnerAction } from "@/lib/auth/actions";
import { getViewer, hasAnyUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Set up owner account" };

export default async function SetupPage() {
  // Only while there is no account at all; after that, people are invited.
  if (await hasAnyUser()) redirect((await getViewer()) ? "/" : "/sign-in");
  return (
    <AuthCard
      title="Set up owner account"
      intro="This is a new installation. Create the owner account: it can invite other people and sees every credential, source and destination."
    >
      <AccountForm
        mode="create"
        action={setUpOwnerAction}
        submitLabel="Create account"
        pendingLabel="Creating account…"
      />
    </AuthCard>
  );
}
