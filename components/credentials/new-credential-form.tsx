"use client";

import { useId, useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { findConnectorDefinition } from "@/lib/connectors/catalog";
import type { CreateCredentialResult } from "@/lib/credentials/results";
import { newCredentialSchema, type NewCredentialField, type NewCredentialFormValues } from "@/lib/credentials/schema";
import { FormField, fieldInputClass } from "@/components/ui/form-field";

interface Props {
  connectorId: string;
  pending: boolean;
  onSubmit: (values: NewCredentialFormValues) => Promise<CreateCredentialResult>;
}

/** The fields of a new credential. Checks them in the browser with the same schema the server uses. */
export function NewCredentialForm({ connectorId, pending, onSubmit }: Props) {
  const connector = findConnectorDefinition(connectorId)!;
  const schema = useMemo(() => newCredentialSchema(connector), [connector]);
  const [formMessage, setFormMessage] = useState<string>();
  const [keyVisible, setKeyVisible] = useState(false);
  const id = useId();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<z.input<typeof schema>, unknown, NewCredentialFormValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: "", description: "", apiKey: "" },
  });

  const submit = handleSubmit(async (values) => {
    setFormMessage(undefined);
    const result = await onSubmit(values);
    if (result.ok) return;
    const fieldErrors = Object.entries(result.fieldErrors ?? {}) as [NewCredentialField, string][];
    fieldErrors.forEach(([field, message], index) => setError(field, { message }, { shouldFocus: index === 0 }));
    if (fieldErrors.length === 0) setFormMessage(result.message);
  });

  const sectionHeading = "text-sm font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-300";
  return (
    <form noValidate onSubmit={submit} className="space-y-6 px-6 py-5">
      <div className="space-y-4">
        <h3 className={sectionHeading}>Credential Name &amp; Description</h3>
        <FormField id={`${id}-name`} label="Credential Name" required error={errors.name?.message}>
          {(fieldProps) => <input {...fieldProps} {...register("name")} type="text" autoComplete="off" className={fieldInputClass} />}
        </FormField>
        <FormField
          id={`${id}-description`}
          label="Credential Description"
          hint="Optional. Descriptions help others understand the credential's purpose."
          error={errors.description?.message}
        >
          {(fieldProps) => <textarea {...fieldProps} {...register("description")} rows={3} className={fieldInputClass} />}
        </FormField>
      </div>

      <div className="space-y-4">
        <h3 className={sectionHeading}>API Key Authentication</h3>
        <FormField id={`${id}-api-key`} label="API Key" required hint={connector.apiKey.help} error={errors.apiKey?.message}>
          {(fieldProps) => (
            <div className="flex gap-2">
              <input
                {...fieldProps}
                {...register("apiKey")}
                type={keyVisible ? "text" : "password"}
                autoComplete="off"
                autoCapitalize="off"
                spellCheck={false}
                className={`${fieldInputClass} font-mono`}
              />
              <button
                type="button"
                aria-label={keyVisible ? "Hide key" : "Show key"}
                aria-pressed={keyVisible}
                aria-controls={fieldProps.id}
                onClick={() => setKeyVisible((visible) => !visible)}
                className="shrink-0 rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
              >
                {keyVisible ? "Hide" : "Show"}
              </button>
            </div>
          )}
        </FormField>
      </div>

      {formMessage && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
          {formMessage}
        </p>
      )}

      <div className="flex justify-end border-t border-slate-200 pt-4 dark:border-slate-800">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-5 py-2 font-medium text-white hover:bg-indigo-700 disabled:cursor-wait disabled:bg-indigo-400"
        >
          {pending ? `Checking with ${connector.displayName}…` : "Save"}
        </button>
      </div>
    </form>
  );
}
