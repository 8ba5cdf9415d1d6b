import type { PublicCredential } from "@/lib/credentials/public-credential";

type Owned = Pick<PublicCredential, "access" | "ownerName" | "ownerEmail" | "looksLike">;

/** "Name (email)" of a credential's owner, for one that is not the person's own. */
export function describeOwner(credential: Pick<PublicCredential, "ownerName" | "ownerEmail">): string {
  if (!credential.ownerName) return "its former owner";
  return credential.ownerEmail ? `${credential.ownerName} (${credential.ownerEmail})` : credential.ownerName;
}

/** The warning for a shared credential named like another the person can use. */
export function lookalikeWarning(looksLike: string): string {
  return `Its name looks like “${looksLike}”, another credential you can use: check whose it is before you pick it.`;
}

/** Whose a credential is, when it is not the person's own (and a warning if it is named like another). */
export function CredentialOwnership({ credential }: { credential: Owned }) {
  if (credential.access === "own") return null;
  const text =
    credential.access === "shared"
      ? `Shared with you by ${describeOwner(credential)}: you can use it, not change it`
      : `Owner: ${credential.ownerName ? describeOwner(credential) : "nobody yet"}`;
  return (
    <>
      <p className="text-sm break-words text-slate-700 dark:text-slate-300">{text}</p>
      {credential.looksLike && (
        <p className="text-sm font-medium break-words text-amber-900 dark:text-amber-200">
          ⚠ {lookalikeWarning(credential.looksLike)}
        </p>
      )}
    </>
  );
}
