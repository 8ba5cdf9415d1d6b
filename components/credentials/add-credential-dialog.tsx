"use client";

import { useCallback, useId, useRef, useState } from "react";

import { SAVE_CREDENTIAL_REQUEST_FAILED_MESSAGE } from "@/components/ui/messages";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction, type RequestFailed } from "@/components/ui/use-action";
import { createCredentialAction } from "@/lib/credentials/actions";
import { newIdempotencyKey } from "@/lib/credentials/idempotency-key.browser-safe";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import type { CreateCredentialResult } from "@/lib/credentials/results";
import type { CredentialFormValues } from "@/lib/credentials/schemas.browser-safe";

import { CredentialForm } from "./credential-form";
import { OAuthConnectForm, type OAuthStart } from "./oauth-connect-form";
import type { CredentialDetails } from "./use-details-report";

/** Offered when the installation has an OAuth app for the connector (README "Connecting with OAuth"). */
export interface OAuthOption extends OAuthStart {
  connectorName: string;
  /** Coming back from a failed Connect: the form as it was, and why nothing was stored. */
  returned?: { name: string; description: string; message: string };
}

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  connectorId: string;
  /** Where keyboard focus goes when the overlay closes (the tile that opened it, or a new tile). */
  returnFocusTo: () => HTMLElement | null | undefined;
  onCreated: (credential: PublicCredential) => void;
  /** Absent: the overlay is API key only, exactly as before OAuth existed. */
  oauth?: OAuthOption;
}

/** The "Add New Credential" overlay: owns open/close and the pending state; the form owns the fields. */
export function AddCredentialDialog({ open, onOpenChange, connectorId, returnFocusTo, onCreated, oauth }: Props) {
  // The new tile shows at once (onCreated); the refresh brings the server's list up to date.
  const { pending, run } = useAction({ refresh: "on-success", failureMessage: SAVE_CREDENTIAL_REQUEST_FAILED_MESSAGE });

  async function submit(values: CredentialFormValues, idempotencyKey: string) {
    const result = await run(() => createCredentialAction(connectorId, { ...values, idempotencyKey }));
    if (result.ok) {
      onCreated(result.data);
      onOpenChange(false);
    }
    return result;
  }

  return (
    <ModalDialog
      open={open}
      onOpenChange={onOpenChange}
      title="Add New Credential"
      pending={pending}
      returnFocusTo={returnFocusTo}
    >
      {oauth ? (
        <AuthMethodChoice oauth={oauth} connectorId={connectorId} pending={pending} onSubmit={submit} />
      ) : (
        <AddCredentialForm connectorId={connectorId} pending={pending} onSubmit={submit} />
      )}
    </ModalDialog>
  );
}

/**
 * The form inside the overlay. It mounts each time the overlay opens (Radix unmounts closed
 * content), so its idempotency key is new per opening and kept by every Save in it: a retry after
 * a lost answer gets the credential that save stored. A successful save closes the overlay.
 */
function AddCredentialForm({
  connectorId,
  pending,
  onSubmit,
  details,
}: {
  connectorId: string;
  pending: boolean;
  onSubmit: (values: CredentialFormValues, idempotencyKey: string) => Promise<CreateCredentialResult | RequestFailed>;
  /** With the method choice: the name and description carried over from the OAuth form. */
  details?: { values: CredentialDetails; onChange: (details: CredentialDetails) => void };
}) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  return (
    <CredentialForm
      mode="create"
      connectorId={connectorId}
      pending={pending}
      onSubmit={(values) => onSubmit(values, idempotencyKey)}
      defaultValues={details?.values}
      onDetailsChange={details?.onChange}
    />
  );
}

/** With OAuth configured: "API Key" (the default, today's form) or "OAuth" (Connect to ClickUp). */
function AuthMethodChoice({
  oauth,
  connectorId,
  pending,
  onSubmit,
}: {
  oauth: OAuthOption;
  connectorId: string;
  pending: boolean;
  onSubmit: (values: CredentialFormValues, idempotencyKey: string) => Promise<CreateCredentialResult | RequestFailed>;
}) {
  const [method, setMethod] = useState<"api-key" | "oauth">(oauth.returned ? "oauth" : "api-key");
  // Name and description stay when the person switches method: the form that mounts starts from
  // what was typed in the other (kept in a ref as typed, carried over at the switch).
  const initial = { name: oauth.returned?.name ?? "", description: oauth.returned?.description ?? "" };
  const typed = useRef<CredentialDetails>(initial);
  const [carried, setCarried] = useState<CredentialDetails>(initial);
  const remember = useCallback((details: CredentialDetails) => {
    typed.current = details;
  }, []);
  const choose = (next: "api-key" | "oauth") => {
    setCarried(typed.current);
    setMethod(next);
  };
  const name = useId();
  const option =
    "flex items-center gap-2 rounded-md border border-slate-300 px-3 py-2 has-[:checked]:border-indigo-600 has-[:checked]:bg-indigo-50 dark:border-slate-700 dark:has-[:checked]:bg-slate-800";
  return (
    <>
      <fieldset className="px-6 pt-5">
        <legend className="text-sm font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">
          Authentication method
        </legend>
        <div className="mt-2 flex flex-wrap gap-3">
          <label className={option}>
            <input type="radio" name={name} checked={method === "api-key"} onChange={() => choose("api-key")} />
            API Key
          </label>
          <label className={option}>
            <input type="radio" name={name} checked={method === "oauth"} onChange={() => choose("oauth")} />
            OAuth
          </label>
        </div>
      </fieldset>
      {method === "api-key" ? (
        <AddCredentialForm
          connectorId={connectorId}
          pending={pending}
          onSubmit={onSubmit}
          details={{ values: carried, onChange: remember }}
        />
      ) : (
        <OAuthConnectForm
          connectorId={connectorId}
          connectorName={oauth.connectorName}
          kind={oauth.kind}
          returnPath={oauth.returnPath}
          defaultValues={carried}
          onDetailsChange={remember}
          initialMessage={oauth.returned?.message}
        />
      )}
    </>
  );
}
