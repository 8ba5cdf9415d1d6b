import type { FieldErrors, UseFormRegisterReturn } from "react-hook-form";

import { fieldInputClass, FormField } from "@/components/ui/form-field";

import type { CredentialDetails } from "./use-details-report";

/** The look of a section heading in the credential forms (this section's and the method's below it). */
export const credentialSectionHeadingClass =
  "text-sm font-semibold uppercase tracking-wide text-slate-700 dark:text-slate-300";

interface Props {
  /** The form's useId(): the fields get `${id}-name` and `${id}-description`. */
  id: string;
  /** The form's own register and errors; the form may hold more fields (the API key). */
  register: (field: keyof CredentialDetails) => UseFormRegisterReturn;
  errors: FieldErrors<CredentialDetails>;
}

/**
 * The Credential Name & Description section, the same in every credential form (API Key, OAuth,
 * Edit), so labels, ids and error announcements cannot drift apart between them.
 */
export function CredentialDetailsFields({ id, register, errors }: Props) {
  return (
    <div className="space-y-4">
      <h3 className={credentialSectionHeadingClass}>Credential Name &amp; Description</h3>
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
        {(fieldProps) => <textarea {...fieldProps} {...register("description")} rows={3} className={fieldInputClass} />}
      </FormField>
    </div>
  );
}
