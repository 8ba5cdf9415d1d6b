"use client";

import { useState } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

import { fieldInputClass, FormField } from "@/components/ui/form-field";

interface Props {
  id: string;
  help: string;
  error?: string;
  registration: UseFormRegisterReturn;
}

/** The API Key field: masked, with a show/hide control, never autocompleted or spell-checked. */
export function TokenField({ id, help, error, registration }: Props) {
  const [visible, setVisible] = useState(false);
  return (
    <FormField id={id} label="API Key" required hint={help} error={error}>
      {(fieldProps) => (
        <div className="flex gap-2">
          <input
            {...fieldProps}
            {...registration}
            type={visible ? "text" : "password"}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            className={`${fieldInputClass} font-mono`}
          />
          <button
            type="button"
            aria-label={visible ? "Hide key" : "Show key"}
            aria-pressed={visible}
            aria-controls={fieldProps.id}
            onClick={() => setVisible((shown) => !shown)}
            className="shrink-0 rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
          >
            {visible ? "Hide" : "Show"}
          </button>
        </div>
      )}
    </FormField>
  );
}
