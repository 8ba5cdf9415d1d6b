"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FormFooter } from "@/components/ui/form-footer";
import { useAction } from "@/components/ui/use-action";
import { fieldErrorsOf } from "@/lib/action-result.browser-safe";
import { credentialDetailsSchema } from "@/lib/credentials/schemas.browser-safe";
import { startOAuthConnectionAction } from "@/lib/oauth/actions";

import { CredentialDetailsFields, credentialSectionHeadingClass } from "./credential-details-fields";
import { useDetailsReport, type CredentialDetails } from "./use-details-report";

export interface OAuthStart {
  kind: "source" | "destination";
  /** The Authenticate screen ClickUp's redirect comes back to. */
  returnPath: string;
}

interface Props extends OAuthStart {
  connectorId: string;
  connectorName: string;
  defaultValues?: { name: string; description: string };
  /** Why the last attempt stored nothing, when the person has just come back from ClickUp. */
  initialMessage?: string;
  /** Told the name and description as they are typed (the overlay keeps them across methods). */
  onDetailsChange?: (details: CredentialDetails) => void;
}

type Values = { name: string; description: string };

/**
 * The OAuth half of Add New Credential: name and description, then "Connect to ClickUp", which
 * remembers them on the server and leaves for ClickUp's authorise page. The token never passes
 * through the browser: ClickUp's redirect brings a code to the server, which exchanges it.
 */
export function OAuthConnectForm({
  connectorId,
  connectorName,
  kind,
  returnPath,
  defaultValues,
  initialMessage,
  onDetailsChange,
}: Props) {
  const id = useId();
  const [formMessage, setFormMessage] = useState<string | undefined>(initialMessage);
  const [leaving, setLeaving] = useState(false);
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting },
  } = useForm<Values>({
    resolver: zodResolver(credentialDetailsSchema) as unknown as Resolver<Values>,
    defaultValues: { name: defaultValues?.name ?? "", description: defaultValues?.description ?? "" },
  });
  useDetailsReport(watch, onDetailsChange);
  const { run } = useAction({
    failureMessage: `Could not reach the server to start connecting to ${connectorName}. Check your connection and try again.`,
  });

  const submit = handleSubmit(async (values) => {
    setFormMessage(undefined);
    const result = await run(() => startOAuthConnectionAction({ connector: connectorId, kind, returnPath, ...values }));
    if (result.ok) {
      setLeaving(true);
      window.location.assign(result.data.authorizeUrl);
      return;
    }
    const fieldErrors = Object.entries(fieldErrorsOf(result)) as [keyof Values, string][];
    fieldErrors.forEach(([field, message], index) => setError(field, { message }, { shouldFocus: index === 0 }));
    if (fieldErrors.length === 0) setFormMessage(result.message);
  });

  return (
    <form noValidate onSubmit={submit} className="space-y-6 px-6 py-5">
      <CredentialDetailsFields id={id} register={register} errors={errors} />

      <div className="space-y-2">
        <h3 className={credentialSectionHeadingClass}>OAuth Authentication</h3>
        <p className="text-sm text-slate-700 dark:text-slate-300">
          You will go to {connectorName} to choose the Workspaces this app may use, then come back here.
        </p>
      </div>

      <FormFooter message={formMessage}>
        <Button type="submit" variant="primary" disabled={isSubmitting || leaving}>
          {leaving ? `Opening ${connectorName}…` : `Connect to ${connectorName}`}
        </Button>
      </FormFooter>
    </form>
  );
}
