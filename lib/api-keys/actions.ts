"use server";

import { asSignedIn } from "@/lib/auth/run-action";

import { createApiKey } from "./create-api-key";
import { deleteApiKey } from "./delete-api-key";
import type { CreateApiKeyResult, DeleteApiKeyResult, RevokeApiKeyResult } from "./results";
import { revokeApiKey } from "./revoke-api-key";

// The API key commands as server actions, for the /api-keys page (a session, never a key).

export async function createApiKeyAction(input: unknown): Promise<CreateApiKeyResult> {
  return asSignedIn("api keys", "creating", (caller) => createApiKey(caller, input));
}

export async function revokeApiKeyAction(input: unknown): Promise<RevokeApiKeyResult> {
  return asSignedIn("api keys", "revoking", (caller) => revokeApiKey(caller, input));
}

export async function deleteApiKeyAction(input: unknown): Promise<DeleteApiKeyResult> {
  return asSignedIn("api keys", "deleting", (caller) => deleteApiKey(caller, input));
}
