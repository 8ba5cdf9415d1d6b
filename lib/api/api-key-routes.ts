import "server-only";

import { listApiKeys } from "@/lib/api-keys/queries";

import { API_KEY_OPERATIONS } from "./operations";
import { jsonResponse } from "./problem";
import { apiRoute } from "./route";

/**
 * GET /api/v1/api-keys: the caller's own keys, so a script can see what its key may do. Read-only:
 * keys are made on the page only, so a key (even a stolen one) can never make another.
 */
export const listApiKeysRoute = apiRoute(API_KEY_OPERATIONS.list, async (caller) =>
  jsonResponse({ data: await listApiKeys(caller.person) }),
);
