import type { ApiKeyConnectorDefinition } from "@/lib/connectors/types";
import { ID_PATTERN } from "@/lib/text-safety";
import { z } from "@/lib/zod";

import { credentialDescriptionSchema, credentialNameSchema } from "./schema";

const credentialId = z.string({ message: "Missing credential id." }).regex(ID_PATTERN, "Unknown credential id.");
const version = z.number({ message: "Missing version: reload the page." }).int().positive();

export const credentialRefSchema = z.object({ id: credentialId });

/**
 * Edit: name and description (both required: a missing description is not "clear it"), plus the
 * version the page showed, to detect stale edits.
 */
export const editCredentialSchema = z.object({
  id: credentialId,
  version,
  name: credentialNameSchema,
  description: credentialDescriptionSchema,
});

/** Replace token: the new key, the version shown, and whether a change of account was confirmed. */
export function replaceTokenSchema(connector: ApiKeyConnectorDefinition) {
  return z.object({
    id: credentialId,
    version,
    apiKey: connector.apiKey.schema,
    confirmAccountChange: z.boolean().default(false),
  });
}
