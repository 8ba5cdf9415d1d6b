"use server";

import { createInvitation, revokeInvitation } from "./invitations";
import { asSignedIn } from "./signed-in-action";
import { removePerson } from "./users";

// Server actions for the People page (owner account only; the services check the role).

export async function createInvitationAction() {
  return asSignedIn("people", "creating an invitation", (viewer) => createInvitation(viewer));
}

export async function revokeInvitationAction(input: unknown) {
  return asSignedIn("people", "revoking an invitation", (viewer) => revokeInvitation(viewer, input));
}

export async function removePersonAction(input: unknown) {
  return asSignedIn("people", "removing a person", (viewer) => removePerson(viewer, input));
}
