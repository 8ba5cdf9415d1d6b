import type { ReactNode } from "react";

// A field with an error gets a thicker edge (an outline around its border, so nothing moves), not
// only a red one: forced colours repaint every border in one colour, and red alone is colour alone.
export const fieldInputClass =
  "block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-slate-900 placeholder:text-slate-500 aria-[invalid=true]:border-red-600 aria-[invalid=true]:outline-2 aria-[invalid=true]:outline-red-600 dark:border-slate-500 dark:bg-slate-950 dark:text-slate-100";

interface FieldProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid": boolean;
  "aria-required"?: boolean;
}

interface Props {
  id: string;
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  /** Renders the control, given the id and ARIA wiring it must carry. */
  children: (fieldProps: FieldProps) => ReactNode;
}

/** A label, a control, its hint and its error, wired together for screen readers. */
export function FormField({ id, label, required, hint, error, children }: Props) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
        {required && (
          <span aria-hidden="true" className="text-red-700 dark:text-red-400">
            {" "}
            *
          </span>
        )}
      </label>
      {children({
        id,
        "aria-describedby": describedBy,
        "aria-invalid": Boolean(error),
        "aria-required": required || undefined,
      })}
      {hint && (
        <p id={hintId} className="text-sm text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      <p id={errorId} aria-live="polite" className="text-sm font-medium text-red-700 empty:hidden dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
