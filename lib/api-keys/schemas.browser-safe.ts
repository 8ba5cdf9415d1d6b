import { hasHiddenCharacters, ID_PATTERN } from "@/lib/text-safety.browser-safe";
import * as z from "@/lib/zod-mini.browser-safe";

import { API_KEY_SCOPES } from "./scopes.browser-safe";

export const API_KEY_NAME_MAX = 100;
/** The longest expiry the form offers; a key that should live longer can be made without one. */
export const API_KEY_MAX_DAYS = 3650;

/** How many credentials, sources and destinations one key may be restricted to proxying through. */
export const API_KEY_PROXY_TARGETS_MAX = 50;

export const NO_SCOPE_MESSAGE = "Choose at least one scope.";

const idList = z
  .array(z.string().check(z.regex(ID_PATTERN)), { message: "Choose from the list." })
  .check(z.maxLength(API_KEY_PROXY_TARGETS_MAX, `Choose at most ${API_KEY_PROXY_TARGETS_MAX}.`));

/** The expiries the Create API key form offers (days; 0 = never expires). */
export const API_KEY_EXPIRY_CHOICES = [
  { days: 0, label: "Never" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 365, label: "1 year" },
] as const;

// Runs in the browser (the form) and again in the command (zod/mini, as every form schema).
export const newApiKeySchema = z.object({
  name: z.string({ message: "Give the API key a name." }).check(
    z.trim(),
    z.minLength(1, "Give the API key a name."),
    z.maxLength(API_KEY_NAME_MAX, `Keep the name to ${API_KEY_NAME_MAX} characters or fewer.`),
    z.refine((name) => !hasHiddenCharacters(name), "The name contains invisible or control characters."),
  ),
  // 0 or absent: the key never expires.
  expiresInDays: z._default(
    z
      .int({ message: "Choose when the key expires." })
      .check(
        z.minimum(0, "Choose when the key expires."),
        z.maximum(API_KEY_MAX_DAYS, `An expiry can be at most ${API_KEY_MAX_DAYS} days away.`),
      ),
    0,
  ),
  // Absent: every scope (as every key had before scopes); the form always sends its checkboxes.
  scopes: z._default(
    z
      .array(z.enum(API_KEY_SCOPES, { message: "Choose scopes from the list." }), { message: NO_SCOPE_MESSAGE })
      .check(z.minLength(1, NO_SCOPE_MESSAGE)),
    () => [...API_KEY_SCOPES],
  ),
  // "Proxy only through": absent, or nothing chosen, lets the key proxy through anything its
  // person may use. Only with the proxy scope (create-api-key.ts checks each is the caller's).
  proxyTargets: z.optional(
    z.object({
      credentialIds: z._default(idList, () => []),
      endpointIds: z._default(idList, () => []),
    }),
  ),
});

export type NewApiKeyField = keyof z.output<typeof newApiKeySchema>;

export const apiKeyRefSchema = z.object({ id: z.string().check(z.regex(ID_PATTERN)) });
