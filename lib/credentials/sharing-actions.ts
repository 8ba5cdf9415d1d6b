"use server";

import { asSignedIn } from "@/lib/auth/signed-in-action";

import { shareCredential, unshareCredential } from "./sharing";

// Server actions for the Sharing section of a credential's page; the services check everything.

export async function shareCredentialAction(input: unknown) {
  return asSignedIn("credentials", "sharing", (viewer) => shareCredential(viewer, input));
}

export async function unshareCredentialAction(input: unknown) {
  return asSignedIn("credentials", "ending a share", (viewer) => unshareCredential(viewer, input));
}
