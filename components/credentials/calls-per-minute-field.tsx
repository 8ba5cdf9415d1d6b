import type { UseFormRegisterReturn } from "react-hook-form";

import { fieldInputClass, FormField } from "@/components/ui/form-field";
import { CALLS_PER_MINUTE } from "@/lib/credentials/schemas.browser-safe";

/** Help under "Calls per minute": what the number is, and the values ClickUp's plans allow. */
export const CALLS_PER_MINUTE_HELP =
  "How many ClickUp calls a minute the app lets through with this token, together with every other credential holding it. Set your Workspace plan's limit: 100 on most plans, 1,000 on Business Plus, 10,000 on Enterprise.";

/** The token's rate budget, in the Edit form (lib/clickup-budget/). */
export function CallsPerMinuteField({
  id,
  registration,
  error,
}: {
  id: string;
  registration: UseFormRegisterReturn;
  error?: string;
}) {
  return (
    <FormField id={id} label="Calls per minute" hint={CALLS_PER_MINUTE_HELP} error={error}>
      {(fieldProps) => (
        <input
          {...fieldProps}
          {...registration}
          type="number"
          inputMode="numeric"
          min={CALLS_PER_MINUTE.min}
          max={CALLS_PER_MINUTE.max}
          step={1}
          className={`${fieldInputClass} max-w-40`}
        />
      )}
    </FormField>
  );
}
