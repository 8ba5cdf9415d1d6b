import { hasHiddenCharacters, ID_PATTERN } from "@/lib/text-safety";
import { z } from "@/lib/zod";

export const CONNECTION_NAME_MAX = 100;

export const connectionKindSchema = z.enum(["source", "destination"], { message: "Unknown kind: expected source or destination." });

/** The Configure step's fields, as the browser's form holds them. */
export const connectionFormSchema = z.object({
  name: z
    .string({ message: "Give it a name." })
    .trim()
    .min(1, "Give it a name.")
    .max(CONNECTION_NAME_MAX, `Keep the name to ${CONNECTION_NAME_MAX} characters or fewer.`)
    .refine((name) => !hasHiddenCharacters(name), "The name contains invisible or control characters. Type it as plain text."),
  workspaceId: z.string({ message: "Choose a Workspace." }).trim().min(1, "Choose a Workspace.").regex(ID_PATTERN, "Choose a Workspace from the list."),
});

/** Everything the Create action receives: the form plus where it came from. */
export const newConnectionSchema = connectionFormSchema.extend({
  kind: connectionKindSchema,
  connector: z.string().regex(ID_PATTERN),
  credentialId: z.string({ message: "Go back and select a credential." }).regex(ID_PATTERN, "Go back and select a credential."),
});

export type ConnectionFormValues = z.output<typeof connectionFormSchema>;
export type ConnectionFormField = keyof ConnectionFormValues;
