import "server-only";

import { actorName, type Caller } from "@/lib/auth/person";
import { inTransaction } from "@/lib/db/client";
import { fail } from "@/lib/failure-reasons.browser-safe";

import { recordCredentialEvent } from "./activity";
import { findCredentialFor } from "./find-credential-for";
import { CREDENTIAL_MESSAGES } from "./messages";
import type { SetShareProxyResult } from "./results";
import { shareProxySchema } from "./schemas.browser-safe";

/**
 * Turn a share's ClickUp proxy use on or off (`{ id, userId, allowed }`): whether the person it is
 * shared with may call ClickUp with the token through the ClickUp proxy (lib/clickup-proxy/), not
 * only pick it for their sources and destinations. The owner's decision, like sharing itself; it
 * holds from the next call (the proxy reads it on every one).
 */
export async function setShareProxyAllowed(caller: Caller, input: unknown): Promise<SetShareProxyResult> {
  const parsed = shareProxySchema.safeParse(input);
  if (!parsed.success) return fail("not-found", CREDENTIAL_MESSAGES.shareGone);
  const { id, userId, allowed } = parsed.data;
  const found = await findCredentialFor(caller.person, id, "share", { id: true, name: true });
  if (!found.ok) return found;
  const changed = await inTransaction(async (tx) => {
    const share = await tx.credentialShare.findUnique({
      where: { credentialId_userId: { credentialId: id, userId } },
      select: { proxyAllowed: true, user: { select: { name: true } } },
    });
    if (!share) return undefined;
    if (share.proxyAllowed === allowed) return share;
    await tx.credentialShare.update({
      where: { credentialId_userId: { credentialId: id, userId } },
      data: { proxyAllowed: allowed },
    });
    await recordCredentialEvent(
      {
        credentialId: found.row.id,
        credentialName: found.row.name,
        type: "share_proxy_changed",
        actorName: actorName(caller),
        detail: allowed
          ? `${share.user.name} may call ClickUp with it through the ClickUp proxy again.`
          : `${share.user.name} may no longer call ClickUp with it through the ClickUp proxy (they can still pick it for their sources and destinations).`,
      },
      tx,
    );
    return share;
  });
  if (!changed) return fail("not-found", CREDENTIAL_MESSAGES.notSharedAnyMore);
  return { ok: true, data: null };
}
