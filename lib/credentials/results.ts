import type { ActionResult } from "@/lib/action-result.browser-safe";
import type { EndpointKind } from "@/lib/endpoint-kinds.browser-safe";

import type { PublicCredential } from "./public-credential";
import type { CredentialField } from "./schemas.browser-safe";

// What each credential command returns: expected failures as data (lib/action-result), only bugs
// throw. Pages, server actions and the browser share these types.

export type CreateCredentialResult = ActionResult<PublicCredential, CredentialField>;
export type VerifyCredentialResult = ActionResult<PublicCredential>;
export type EditCredentialResult = ActionResult<PublicCredential, "name" | "description" | "callsPerMinute">;
export type ReplaceTokenResult = ActionResult<PublicCredential, "apiKey">;
export type KeepNewAccountResult = ActionResult<PublicCredential>;
export type DeleteCredentialResult = ActionResult<{ name: string }, string, CredentialUse[]>;
export type ShareCredentialResult = ActionResult<null, "userId">;
export type SetShareProxyResult = ActionResult<null>;
export type UnshareCredentialResult = ActionResult<null, string, string[]>;
export type LeaveShareResult = ActionResult<{ name: string }, string, CredentialUse[]>;

/** A source or destination using a credential. */
export interface CredentialUse {
  id: string;
  kind: EndpointKind;
  name: string;
  /** Only for ones the person may open. */
  path?: string;
  /** Set when it is someone else's (e.g. a person the credential is shared with). */
  ownerName?: string;
}

export interface CredentialShareView {
  userId: string;
  name: string;
  email: string;
  sharedAt: string;
  /** Whether they may call ClickUp with it through the ClickUp proxy (the owner's switch). */
  proxyAllowed: boolean;
}

export interface CredentialSharingView {
  shares: CredentialShareView[];
  /** People it could still be shared with. */
  candidates: { id: string; name: string; email: string }[];
}
