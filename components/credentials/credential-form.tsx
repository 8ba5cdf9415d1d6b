"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useId, useMemo, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass, FormField } from "@/components/ui/form-field";
import type { ActionResult } from "@/lib/action-result.browser-safe";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import {
  credentialDetailsSchema,
  newCredentialSchema,
  type CredentialField,
  type CredentialFormValues,
} from "@/lib/credentials/schemas.browser-safe";

import { ApiKeyField } from "./api-key-field";

interface Props {
  /** "create": name, description and API key; "edit": name and description only. */
  mode: "create" | "edit";
  connectorId: string;
  defaultValues?: { name: string; description: string };
  pending: boolean;
  onSubmit: (values: CredentialFormValues) => Promise<ActionResult<unknown, CredentialField>>;
}

/**
 * A credential's fields, checked in the browser with the same zod schema the server uses. Serves
 * the Add New Credential overlay and the Edit dialog; server-side errors land on their fields.
 */
export function CredentialForm({ mode, connectorId, defaultValues, pending, onSubmit }: Props) {
  const connector = findConnectorDefinition(connectorId)!;
  const schema = useMemo(
    () => (mode === "create" ? newCredentialSchema(connector) : credentialDetailsSchema),
    [mode, connector],
  );
  const [formMessage, setFormMessage] = useState<string>();
  const id = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<CredentialFormValues>({
    // One form type for both modes; in "edit" the schema simply has no apiKey (and strips it).
    resolver: zodResolver(schema) as unknown as Resolver<CredentialFormValues>,
    defaultValues: { name: defaultValues?.name ?? "", description: defaultValues?.description ?? "", apiKey: "" },
  });

  const submit = handleSubmit(async (values) => {
    setFormMessage(undefined);
    const result = await onSubmit(values);
    if (result.ok) return;
    const fieldErrors = Object.entries(result.fieldErrors ?? {}) as [CredentialField, string][];
    fieldErrors.forEach(([field, message], index) => setError(field, { message }, { shouldFocus: index === 0 }));
    if (fieldErrors.length === 0) setFormMessage(result.message);
  });

  const sectionHeading = "text-sm font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300";
  return (
    <form noValidate onSubmit={submit} className="space-y-6 px-6 py-5">
      <div className="space-y-4">
        <h3 className={sectionHeading}>Credential Name &amp; Description</h3>
        <FormField id={`${id}-name`} label="Credential Name" required error={errors.name?.message}>
          {(fieldProps) => (
            <input {...fieldProps} {...register("name")} type="text" autoComplete="off" className={fieldInputClass} />
          )}
        </FormField>
        <FormField
          id={`${id}-description`}
          label="Credential Description"
          hint="Optional. Descriptions help others understand the credential's purpose."
          error={errors.description?.message}
        >
          {(fieldProps) => (
            <textarea {...fieldProps} {...register("description")} rows={3} className={fieldInputClass} />
          )}
        </FormField>
      </div>

      {mode === "create" && (
        <div className="space-y-4">
          <h3 className={sectionHeading}>API Key Authentication</h3>
          <ApiKeyField
            id={`${id}-api-key`}
            help={connector.apiKey.help}
            error={errors.apiKey?.message}
            registration={register("apiKey")}
          />
        </div>
      )}

      {formMessage && (
        <FormAlert>
          <p>{formMessage}</p>
        </FormAlert>
      )}

      <div className="flex justify-end border-t border-slate-200 pt-4 dark:border-slate-800">
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? (mode === "create" ? `Checking with ${connector.displayName}…` : "Saving…") : "Save"}
        </Button>
      </div>
    </form>
  );
}
