import type { PublicCredential } from "@/lib/credentials/public-credential";

/** Whose a credential is, when it is not the person's own. */
export function CredentialOwnership({ credential }: { credential: Pick<PublicCredential, "access" | "ownerName"> }) {
  if (credential.access === "own") return null;
  const text =
    credential.access === "shared"
      ? `Shared with you by ${credential.ownerName ?? "its owner"}: you can use it, not change it`
      : `Owner: ${credential.ownerName ?? "nobody yet"}`;
  return <p className="text-sm text-slate-700 dark:text-slate-300">{text}</p>;
}
