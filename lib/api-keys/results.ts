import type { ActionResult } from "@/lib/action-result.browser-safe";

// What the API key commands return (expected failures as data; only bugs throw).

/** A key as its person's list shows it: never the key itself, nor its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  /** The key's first characters, e.g. "cuk_AbCd1234". */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

/** `key` is the whole key: the only time it leaves the server. */
export type CreateApiKeyResult = ActionResult<{ apiKey: ApiKeyView; key: string }, "name" | "expiresInDays">;
export type RevokeApiKeyResult = ActionResult<null>;
export type DeleteApiKeyResult = ActionResult<null>;
