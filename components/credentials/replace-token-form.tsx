"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useMemo, useState } from "react";
import { useForm } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/components/ui/use-action";
import { fieldErrorsOf } from "@/lib/action-result.browser-safe";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import { replaceCredentialTokenAction } from "@/lib/credentials/actions";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import * as z from "@/lib/zod-mini.browser-safe";

import type { CredentialDialogProps } from "./credential-dialog-props";
import { TokenField } from "./token-field";

/** Replace Token: the dialog, its pending state, and the form. */
export function ReplaceTokenDialog({ credential, onDone, ...dialog }: CredentialDialogProps) {
  const { pending, run } = useAction({ refresh: "always" });
  return (
    <ModalDialog title="Replace Token" pending={pending} {...dialog}>
      <ReplaceTokenForm credential={credential} pending={pending} run={run} onDone={onDone} />
    </ModalDialog>
  );
}

interface Props {
  credential: PublicCredential;
  pending: boolean;
  run: ReturnType<typeof useAction>["run"];
  onDone: (success: string) => void;
}

/**
 * Enter a new token (the old one is never shown). It is verified before it replaces the old one;
 * a token of another ClickUp account needs an explicit confirmation.
 */
function ReplaceTokenForm({ credential, pending, run, onDone }: Props) {
  const connector = findConnectorDefinition(credential.connector)!;
  const schema = useMemo(() => z.object({ apiKey: connector.token.schema }), [connector]);
  const id = useId();
  const [problem, setProblem] = useState<string>();
  const [accountChange, setAccountChange] = useState<{ from: string; to: string; message: string }>();
  const {
    register,
    handleSubmit,
    setError,
    getValues,
    formState: { errors },
  } = useForm<{ apiKey: string }>({
    resolver: zodResolver(schema),
    defaultValues: { apiKey: "" },
  });

  async function send(apiKey: string, confirmAccountChange: boolean) {
    setProblem(undefined);
    const result = await run(() =>
      replaceCredentialTokenAction({ id: credential.id, version: credential.version, apiKey, confirmAccountChange }),
    );
    if (result.ok) return onDone(`Token replaced. ${connector.displayName} confirmed the new one.`);
    if (result.reason === "account-changed")
      return setAccountChange({ ...result.accountChange, message: result.message });
    setAccountChange(undefined);
    const apiKeyError = fieldErrorsOf(result).apiKey;
    if (apiKeyError) setError("apiKey", { message: apiKeyError }, { shouldFocus: true });
    else setProblem(result.message);
  }

  return (
    <form noValidate onSubmit={handleSubmit(({ apiKey }) => send(apiKey, false))} className="space-y-5 px-6 py-5">
      <p className="text-sm text-slate-700 dark:text-slate-300">
        The current token (ending …{credential.tokenLast4}) stays in use until {connector.displayName} confirms the new
        one.
      </p>
      <TokenField
        id={`${id}-api-key`}
        help={connector.token.help}
        error={errors.apiKey?.message}
        registration={register("apiKey")}
      />
      {problem && (
        <FormAlert>
          <p>{problem}</p>
        </FormAlert>
      )}
      {accountChange ? (
        <FormAlert>
          <p>{accountChange.message}</p>
          <p>
            Currently: <strong>{accountChange.from}</strong>. New token: <strong>{accountChange.to}</strong>.
          </p>
          <div className="flex flex-wrap gap-3 pt-1">
            <Button variant="primary" disabled={pending} onClick={() => send(getValues("apiKey"), true)}>
              Replace and switch ClickUp account
            </Button>
            <Button variant="secondary" disabled={pending} onClick={() => setAccountChange(undefined)}>
              Keep the current token
            </Button>
          </div>
        </FormAlert>
      ) : (
        <div className="flex justify-end border-t border-slate-200 pt-4 dark:border-slate-800">
          <Button type="submit" variant="primary" disabled={pending}>
            {pending ? `Checking with ${connector.displayName}…` : "Verify and replace"}
          </Button>
        </div>
      )}
    </form>
  );
}
