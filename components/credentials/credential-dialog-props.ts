import type { PublicCredential } from "@/lib/credentials/public-credential";

/**
 * What a credential page's dialog (Edit, Replace token, Delete) gets from CredentialActions: its
 * open state and where focus returns. Each dialog runs its own action (and owns its pending state);
 * on success it closes and `onDone` says what happened on the page.
 */
export interface CredentialDialogProps {
  credential: PublicCredential;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  returnFocusTo: () => HTMLElement | null;
  onDone: (success: string) => void;
}
