import { z } from "@/lib/zod";
import type { ApiKeyConnectorDefinition } from "@/lib/connectors/types";

export const CREDENTIAL_NAME_MAX = 100;
export const CREDENTIAL_DESCRIPTION_MAX = 500;

// Control, zero-width and bidi-override characters have no business in a label and can hide or
// reorder text; tabs and newlines are fine in a description.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_CHARACTERS_EXCEPT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/;

export const credentialNameSchema = z
  .string({ message: "Give the credential a name." })
  .trim()
  .min(1, "Give the credential a name.")
  .max(CREDENTIAL_NAME_MAX, `Keep the name to ${CREDENTIAL_NAME_MAX} characters or fewer.`)
  .refine((name) => !CONTROL_CHARACTERS.test(name), "The name contains control characters. Type it as plain text.");

export const credentialDescriptionSchema = z
  .string({ message: "The description must be text." })
  .trim()
  .max(CREDENTIAL_DESCRIPTION_MAX, `Keep the description to ${CREDENTIAL_DESCRIPTION_MAX} characters or fewer.`)
  .refine(
    (text) => !CONTROL_CHARACTERS_EXCEPT_WHITESPACE.test(text),
    "The description contains control characters. Type it as plain text.",
  );

/** Name and description: shared by "add" and (later) "edit". */
export const credentialDetailsSchema = z.object({
  name: credentialNameSchema,
  description: credentialDescriptionSchema.default(""),
});

/** Everything the Add New Credential form sends, for one connector. */
export function newCredentialSchema(connector: ApiKeyConnectorDefinition) {
  return credentialDetailsSchema.extend({ apiKey: connector.apiKey.schema });
}

export type CredentialFormValues = { name: string; description: string; apiKey: string };
export type CredentialField = keyof CredentialFormValues;

/** Two names are the same credential when they differ only in case or surrounding space. */
export function credentialNameKey(name: string): string {
  return name.trim().normalize("NFKC").toLocaleLowerCase("en");
}
