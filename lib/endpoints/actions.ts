"use server";

import { asSignedIn } from "@/lib/auth/run-action";

import { createEndpoint } from "./create-endpoint";
import { deleteEndpoint } from "./delete-endpoint";
import { listWorkspaces } from "./list-workspaces";
import { ENDPOINT_MESSAGES } from "./messages";
import { renameEndpoint } from "./rename-endpoint";
import type { CreateEndpointResult, DeleteEndpointResult, RenameEndpointResult, WorkspacesResult } from "./results";

// The source/destination commands as server actions; each command parses what was posted.

/**
 * The Configure step's Create. No revalidatePath: every page renders per request anyway, and
 * revalidating would re-render the Configure page in this response — asking ClickUp for its
 * Workspaces once more.
 */
export async function createEndpointAction(input: unknown): Promise<CreateEndpointResult> {
  return asSignedIn("endpoints", "creating", (caller) => createEndpoint(caller, input), ENDPOINT_MESSAGES.createFailed);
}

/** The Configure step's Workspace list, asked once the page is shown (never while rendering it). */
export async function listWorkspacesAction(input: unknown): Promise<WorkspacesResult> {
  return asSignedIn(
    "endpoints",
    "listing workspaces",
    (caller) => listWorkspaces(caller, input),
    ENDPOINT_MESSAGES.listingFailed,
  );
}

export async function renameEndpointAction(input: unknown): Promise<RenameEndpointResult> {
  return asSignedIn("endpoints", "renaming", (caller) => renameEndpoint(caller, input));
}

export async function deleteEndpointAction(input: unknown): Promise<DeleteEndpointResult> {
  return asSignedIn("endpoints", "deleting", (caller) => deleteEndpoint(caller, input));
}
