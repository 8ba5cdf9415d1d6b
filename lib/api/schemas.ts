import { CREDENTIAL_STATES } from "@/lib/credential-watch/states.browser-safe";

import "server-only";

import { ID_PATTERN } from "@/lib/text-safety.browser-safe";
import { z } from "@/lib/zod";

// The API's own inputs (query strings). Request bodies are the commands' schemas themselves.

export const credentialListQuerySchema = z.object({
  connector: z.string().regex(ID_PATTERN, "Unknown connector.").optional(),
  search: z.string().max(100, "Keep the search to 100 characters or fewer.").optional(),
  state: z
    .enum(CREDENTIAL_STATES, { message: `state must be one of ${CREDENTIAL_STATES.join(", ")}.` })
    .optional()
    .meta({
      description: "Only credentials in this state (lib/credential-watch: what the latest conclusive check said).",
    }),
  cursor: z.string().max(200, "This cursor is not one this API gave out.").optional(),
  limit: z.coerce
    .number({ message: "limit must be a whole number from 1 to 100." })
    .int("limit must be a whole number from 1 to 100.")
    .min(1, "limit must be a whole number from 1 to 100.")
    .max(100, "limit must be a whole number from 1 to 100.")
    .default(50),
});
