import type { ConnectorDefinition } from "@/lib/connectors/types.browser-safe";
import { hasHiddenCharacters, hasHiddenCharactersBesidesLineBreaks, ID_PATTERN } from "@/lib/text-safety.browser-safe";
import * as z from "@/lib/zod-mini.browser-safe";

export const CREDENTIAL_NAME_MAX = 100;
export const CREDENTIAL_DESCRIPTION_MAX = 500;

// These schemas run in the browser (the forms) and again on the server (the actions), so they use
// zod/mini (lib/zod-mini.ts). Checks run in the order listed, as the classic chained form did.
export const credentialNameSchema = z.string({ message: "Give the credential a name." }).check(
  z.trim(),
  z.minLength(1, "Give the credential a name."),
  z.maxLength(CREDENTIAL_NAME_MAX, `Keep the name to ${CREDENTIAL_NAME_MAX} characters or fewer.`),
  z.refine(
    (name) => !hasHiddenCharacters(name),
    "The name contains invisible or control characters. Type it as plain text.",
  ),
);

export const credentialDescriptionSchema = z.string({ message: "The description must be text." }).check(
  z.trim(),
  z.maxLength(CREDENTIAL_DESCRIPTION_MAX, `Keep the description to ${CREDENTIAL_DESCRIPTION_MAX} characters or fewer.`),
  z.refine(
    (text) => !hasHiddenCharactersBesidesLineBreaks(text),
    "The description contains invisible or control characters. Type it as plain text.",
  ),
);

/** Name and description: shared by "add" and (later) "edit". */
export const credentialDetailsSchema = z.object({
  name: credentialNameSchema,
  description: z._default(credentialDescriptionSchema, ""),
});

/** Everything the Add New Credential form sends, for one connector. */
export function newCredentialSchema(connector: ConnectorDefinition) {
  return z.extend(credentialDetailsSchema, { apiKey: connector.token.schema });
}

export type CredentialFormValues = { name: string; description: string; apiKey: string; callsPerMinute: number };
export type CredentialField = keyof CredentialFormValues;

/** Two names are the same credential when they differ only in case or surrounding space. */
export function credentialNameKey(name: string): string {
  return name.trim().normalize("NFKC").toLocaleLowerCase("en");
}

const credentialIdSchema = z
  .string({ message: "Missing credential id." })
  .check(z.regex(ID_PATTERN, "Unknown credential id."));
const versionSchema = z.int({ message: "Missing version: reload the page." }).check(z.positive());

/** Commands on one credential (Verify now, Delete) name it by id. */
export const credentialRefSchema = z.object({ id: credentialIdSchema });

/** Bounds of a credential's "Calls per minute": ClickUp's plans allow 100, 1,000 or 10,000. */
export const CALLS_PER_MINUTE = { min: 1, max: 10_000, default: 100 } as const;
const callsPerMinuteMessage = `Enter a whole number of calls from ${CALLS_PER_MINUTE.min} to ${CALLS_PER_MINUTE.max}.`;

/** The rate budget of a credential's token (lib/clickup-budget/): calls a minute, in any 60-second window. */
export const callsPerMinuteSchema = z
  .int({ message: callsPerMinuteMessage })
  .check(z.gte(CALLS_PER_MINUTE.min, callsPerMinuteMessage), z.lte(CALLS_PER_MINUTE.max, callsPerMinuteMessage));

/**
 * Edit: name and description (both required: a missing description is not "clear it"), calls per
 * minute (unchanged when not sent), plus the version the page showed, to detect stale edits.
 */
export const editCredentialSchema = z.object({
  id: credentialIdSchema,
  version: versionSchema,
  name: credentialNameSchema,
  description: credentialDescriptionSchema,
  callsPerMinute: z.optional(callsPerMinuteSchema),
});

/** What the Edit form holds. */
export const credentialEditFormSchema = z.extend(credentialDetailsSchema, { callsPerMinute: callsPerMinuteSchema });

/** Keep the new account (`{ id, version }`): the version shown, so a newer report is not kept unseen. */
export const keepNewAccountSchema = z.object({ id: credentialIdSchema, version: versionSchema });

/** Replace token: the new key, the version shown, and whether a change of account was confirmed. */
export function replaceTokenSchema(connector: ConnectorDefinition) {
  return z.object({
    id: credentialIdSchema,
    version: versionSchema,
    apiKey: connector.token.schema,
    confirmAccountChange: z._default(z.boolean(), false),
  });
}

/** Share and stop sharing: the credential and the person. */
export const shareSchema = z.object({
  id: z.string().check(z.regex(ID_PATTERN)),
  userId: z
    .string({ message: "Choose a person to share with." })
    .check(z.regex(ID_PATTERN, "Choose a person to share with.")),
});

/** Turn a share's use through the ClickUp proxy on or off. */
export const shareProxySchema = z.object({
  ...shareSchema.shape,
  allowed: z.boolean(),
});
