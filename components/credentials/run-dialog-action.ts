import type { RequestFailed } from "@/components/ui/use-action";

/**
 * How a credential page's dialog (Replace token, Delete) runs its action: the page's
 * CredentialActions passes one in; on success it closes the dialog and says `success`.
 */
export type RunDialogAction = <T extends { ok: true } | { ok: false; reason: string; message: string }>(
  action: () => Promise<T>,
  success: string,
) => Promise<T | RequestFailed>;
