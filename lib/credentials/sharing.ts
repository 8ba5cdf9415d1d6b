import "server-only";

import type { ActionResult } from "@/lib/action-result";
import { canManageCredential, credentialsVisibleTo } from "@/lib/auth/access";
import { listShareablePeople } from "@/lib/auth/users";
import type { Viewer } from "@/lib/auth/viewer";
import { getDb, inTransaction } from "@/lib/db/client";
import { isForeignKeyViolation, isUniqueViolation } from "@/lib/db/errors";
import { ID_PATTERN } from "@/lib/text-safety";
import { z } from "@/lib/zod";

import { recordCredentialEvent } from "./activity";

export interface CredentialShareView {
  userId: string;
  name: string;
  email: string;
  sharedAt: string;
}

export interface CredentialSharingView {
  shares: CredentialShareView[];
  /** People it could still be shared with. */
  candidates: { id: string; name: string; email: string }[];
}

const NOT_FOUND = "This credential no longer exists (it may have been deleted). Go back to the credentials list.";
const OWNER_ONLY = "Only the credential's owner can share it.";
const OWNER_ONLY_UNSHARE = "Only the credential's owner (or the owner account) can stop sharing it.";
const shareSchema = z.object({
  id: z.string().regex(ID_PATTERN),
  userId: z.string({ message: "Choose a person to share with." }).regex(ID_PATTERN, "Choose a person to share with."),
});

/**
 * A credential the viewer may share (only its own: sharing hands someone the use of a token, the
 * credential owner's decision, not the owner account's) or, for `purpose: "unshare"`, may stop
 * sharing (its owner, or the owner account). Otherwise the message to give instead.
 */
async function loadForSharing(viewer: Viewer, id: string, purpose: "share" | "unshare") {
  const row = await getDb().credential.findFirst({
    where: { AND: [{ id }, credentialsVisibleTo(viewer)] },
    select: { id: true, name: true, ownerId: true },
  });
  if (!row) return { ok: false as const, message: NOT_FOUND };
  if (purpose === "share" && row.ownerId !== viewer.id) return { ok: false as const, message: OWNER_ONLY };
  if (purpose === "unshare" && !canManageCredential(viewer, row.ownerId))
    return { ok: false as const, message: OWNER_ONLY_UNSHARE };
  return { ok: true as const, row };
}

/** The Sharing section of a credential's page: for its owner only. */
export async function listCredentialShares(
  viewer: Viewer,
  credentialId: string,
): Promise<CredentialSharingView | undefined> {
  const loaded = await loadForSharing(viewer, credentialId, "share");
  if (!loaded.ok) return undefined;
  const rows = await getDb().credentialShare.findMany({
    where: { credentialId },
    include: { user: { select: { name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }, { userId: "asc" }],
  });
  const shares = rows.map((row) => ({
    userId: row.userId,
    name: row.user.name,
    email: row.user.email,
    sharedAt: row.createdAt.toISOString(),
  }));
  const excluded = [...shares.map((share) => share.userId), ...(loaded.row.ownerId ? [loaded.row.ownerId] : [])];
  return { shares, candidates: await listShareablePeople(excluded) };
}

/**
 * Lets another person use the credential for their own sources and destinations. They never see
 * its token (nobody does), and cannot edit, replace, share or delete it.
 */
export async function shareCredential(viewer: Viewer, input: unknown): Promise<ActionResult<null, "userId">> {
  const parsed = shareSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      message: "Choose a person to share with.",
      fieldErrors: { userId: "Choose a person to share with." },
    };
  const loaded = await loadForSharing(viewer, parsed.data.id, "share");
  if (!loaded.ok) return loaded;
  const { row } = loaded;
  const person = await getDb().user.findUnique({
    where: { id: parsed.data.userId },
    select: { id: true, name: true, email: true },
  });
  const unknownPerson = "That person no longer has an account. Reload the page.";
  if (!person) return { ok: false, message: unknownPerson, fieldErrors: { userId: unknownPerson } };
  if (person.id === row.ownerId) return { ok: false, message: "That person owns this credential already." };
  try {
    await inTransaction(async (tx) => {
      await tx.credentialShare.create({ data: { credentialId: row.id, userId: person.id } });
      await recordCredentialEvent(
        {
          credentialId: row.id,
          credentialName: row.name,
          type: "shared",
          actorName: viewer.name,
          detail: `Shared with ${person.name} (${person.email}) for use in their own sources and destinations. The token stays hidden.`,
        },
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, message: `It is already shared with ${person.name}.` };
    // The credential or the person was deleted meanwhile.
    if (isForeignKeyViolation(error)) return { ok: false, message: NOT_FOUND };
    throw error;
  }
  return { ok: true, data: null };
}

export type UnshareResult = ActionResult<null> | { ok: false; message: string; usedBy: string[] };

/** Ends a share, unless that person's sources or destinations still use the credential. */
export async function unshareCredential(viewer: Viewer, input: unknown): Promise<UnshareResult> {
  const parsed = shareSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "This share no longer exists. Reload the page." };
  const loaded = await loadForSharing(viewer, parsed.data.id, "unshare");
  if (!loaded.ok) return loaded;
  const { row } = loaded;
  const share = await getDb().credentialShare.findUnique({
    where: { credentialId_userId: { credentialId: row.id, userId: parsed.data.userId } },
    include: { user: { select: { name: true } } },
  });
  if (!share) return { ok: false, message: "It is no longer shared with that person. Reload the page." };
  const uses = await getDb().connection.findMany({
    where: { credentialId: row.id, ownerId: share.userId },
    select: { name: true },
    orderBy: { name: "asc" },
  });
  if (uses.length > 0) {
    return {
      ok: false,
      message: `${share.user.name} uses "${row.name}" in ${uses.length} source(s) or destination(s). They (or the owner account) must switch or delete those first.`,
      usedBy: uses.map((use) => use.name),
    };
  }
  await inTransaction(async (tx) => {
    const { count } = await tx.credentialShare.deleteMany({ where: { credentialId: row.id, userId: share.userId } });
    if (count === 0) return;
    await recordCredentialEvent(
      {
        credentialId: row.id,
        credentialName: row.name,
        type: "unshared",
        actorName: viewer.name,
        detail: `No longer shared with ${share.user.name}.`,
      },
      tx,
    );
  });
  return { ok: true, data: null };
}
