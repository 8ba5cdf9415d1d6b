import type { ReactNode } from "react";

import { FormAlert } from "./form-alert";

/** The end of a form: its form-level problem, when there is one, then its buttons, right-aligned under a rule. */
export function FormFooter({ message, children }: { message?: string; children: ReactNode }) {
  return (
    <>
      {message && (
        <FormAlert>
          <p>{message}</p>
        </FormAlert>
      )}

      <div className="flex justify-end border-t border-slate-200 pt-4 dark:border-slate-800">{children}</div>
    </>
  );
}
