"use server";

import { createInvitation, revokeInvitation } from "./invitations";
import { getViewer, SIGNED_OUT_RESULT } from "./session";
import { removePerson } from "./users";
import type { Viewer } from "./viewer";

// Server actions for the People page (owner account only; the services check the role).

const SOMETHING_WENT_WRONG = { ok: false as const, message: "Something went wrong on our side. Nothing was changed; please try again." };

async function guarded<T>(what: string, run: (viewer: Viewer) => Promise<T>) {
  try {
    const viewer = await getViewer();
    return viewer ? await run(viewer) : SIGNED_OUT_RESULT;
  } catch (error) {
    console.error(`[people] ${what} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : "unknown error"}`);
    return SOMETHING_WENT_WRONG;
  }
}

export async function createInvitationAction() {
  return guarded("creating an invitation", (viewer) => createInvitation(viewer));
}

export async function revokeInvitationAction(input: unknown) {
  return guarded("revoking an invitation", (viewer) => revokeInvitation(viewer, input));
}

export async function removePersonAction(input: unknown) {
  return guarded("removing a person", (viewer) => removePerson(viewer, input));
}
