import { hasHiddenCharacters, ID_PATTERN } from "@/lib/text-safety.browser-safe";
import * as z from "@/lib/zod-mini.browser-safe";

export const ENDPOINT_NAME_MAX = 100;

export const endpointKindSchema = z.enum(["source", "destination"], {
  message: "Unknown kind: expected source or destination.",
});

/** The Configure step's fields, as the browser's form holds them (zod/mini: see lib/zod-mini.ts). */
export const endpointFormSchema = z.object({
  name: z.string({ message: "Give it a name." }).check(
    z.trim(),
    z.minLength(1, "Give it a name."),
    z.maxLength(ENDPOINT_NAME_MAX, `Keep the name to ${ENDPOINT_NAME_MAX} characters or fewer.`),
    z.refine(
      (name) => !hasHiddenCharacters(name),
      "The name contains invisible or control characters. Type it as plain text.",
    ),
  ),
  workspaceId: z
    .string({ message: "Choose a Workspace." })
    .check(z.trim(), z.minLength(1, "Choose a Workspace."), z.regex(ID_PATTERN, "Choose a Workspace from the list.")),
});

/** Rename (`{ kind, id, name }`) and Delete (`{ kind, id }`) name a source or destination by kind and id. */
export const endpointRefSchema = z.object({
  kind: endpointKindSchema,
  id: z.string().check(z.regex(ID_PATTERN)),
});

export const renameEndpointSchema = z.extend(endpointRefSchema, { name: endpointFormSchema.shape.name });

/**
 * Everything the Create action receives: the form plus where it came from. Without `connector`
 * (an API script names only the credential), it is the credential's.
 */
export const newEndpointSchema = z.extend(endpointFormSchema, {
  kind: endpointKindSchema,
  connector: z.optional(z.string().check(z.regex(ID_PATTERN))),
  credentialId: z
    .string({ message: "Go back and select a credential." })
    .check(z.regex(ID_PATTERN, "Go back and select a credential.")),
});

/** The Configure step asking for the Workspaces of the selected credential. */
export const workspaceListingSchema = z.object({
  connector: z.string().check(z.regex(ID_PATTERN)),
  credentialId: z.string().check(z.regex(ID_PATTERN)),
});

export type EndpointFormValues = z.output<typeof endpointFormSchema>;
export type EndpointFormField = keyof EndpointFormValues;
