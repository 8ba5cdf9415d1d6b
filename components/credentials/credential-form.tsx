"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useMemo, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FormFooter } from "@/components/ui/form-footer";
import { type RequestFailed } from "@/components/ui/use-action";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result.browser-safe";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import {
  CALLS_PER_MINUTE,
  credentialEditFormSchema,
  newCredentialSchema,
  type CredentialField,
  type CredentialFormValues,
} from "@/lib/credentials/schemas.browser-safe";

import { CallsPerMinuteField } from "./calls-per-minute-field";
import { CredentialDetailsFields, credentialSectionHeadingClass } from "./credential-details-fields";
import { TokenField } from "./token-field";
import { useDetailsReport, type CredentialDetails } from "./use-details-report";

interface Props {
  /** "create": name, description and API key; "edit": name, description and calls per minute. */
  mode: "create" | "edit";
  connectorId: string;
  defaultValues?: { name: string; description: string; callsPerMinute?: number };
  pending: boolean;
  onSubmit: (values: CredentialFormValues) => Promise<ActionResult<unknown, CredentialField> | RequestFailed>;
  /** Told the name and description as they are typed (the overlay keeps them across methods). */
  onDetailsChange?: (details: CredentialDetails) => void;
}

/**
 * A credential's fields, checked in the browser with the same zod schema the server uses. Serves
 * the Add New Credential overlay and the Edit dialog; server-side errors land on their fields.
 */
export function CredentialForm({ mode, connectorId, defaultValues, pending, onSubmit, onDetailsChange }: Props) {
  const connector = findConnectorDefinition(connectorId)!;
  const schema = useMemo(
    () => (mode === "create" ? newCredentialSchema(connector) : credentialEditFormSchema),
    [mode, connector],
  );
  const [formMessage, setFormMessage] = useState<string>();
  const id = useId();
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors },
  } = useForm<CredentialFormValues>({
    // One form type for both modes; each mode's schema strips the other's field (apiKey or callsPerMinute).
    resolver: zodResolver(schema) as unknown as Resolver<CredentialFormValues>,
    defaultValues: {
      name: defaultValues?.name ?? "",
      description: defaultValues?.description ?? "",
      apiKey: "",
      callsPerMinute: defaultValues?.callsPerMinute ?? CALLS_PER_MINUTE.default,
    },
  });
  useDetailsReport(watch, onDetailsChange);

  const submit = handleSubmit(async (values) => {
    setFormMessage(undefined);
    const result = await onSubmit(values);
    if (result.ok) return;
    const fieldErrors = Object.entries(fieldErrorsOf(result)) as [CredentialField, string][];
    fieldErrors.forEach(([field, message], index) => setError(field, { message }, { shouldFocus: index === 0 }));
    if (fieldErrors.length === 0) setFormMessage(result.message);
  });

  return (
    <form noValidate onSubmit={submit} className="space-y-6 px-6 py-5">
      <CredentialDetailsFields id={id} register={register} errors={errors} />

      {mode === "edit" && (
        <CallsPerMinuteField
          id={`${id}-calls-per-minute`}
          // An emptied field is NaN, which the schema refuses with the field's own message.
          registration={register("callsPerMinute", { valueAsNumber: true })}
          error={errors.callsPerMinute?.message}
        />
      )}

      {mode === "create" && (
        <div className="space-y-4">
          <h3 className={credentialSectionHeadingClass}>API Key Authentication</h3>
          <TokenField
            id={`${id}-api-key`}
            help={connector.token.help}
            error={errors.apiKey?.message}
            registration={register("apiKey")}
          />
        </div>
      )}

      <FormFooter message={formMessage}>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? (mode === "create" ? `Checking with ${connector.displayName}…` : "Saving…") : "Save"}
        </Button>
      </FormFooter>
    </form>
  );
}
