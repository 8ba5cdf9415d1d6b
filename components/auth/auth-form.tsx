"use client";

import { startTransition, useActionState, useEffect, useId, useRef } from "react";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass, FormField } from "@/components/ui/form-field";
import type { AuthFormState } from "@/lib/auth/auth-form-state";
import { PASSWORD_MIN } from "@/lib/auth/password-limits.browser-safe";

interface Props {
  /** "create": Name, Email and a new Password; "sign-in": Email and Password. */
  mode: "create" | "sign-in";
  action: (state: AuthFormState, form: FormData) => Promise<AuthFormState>;
  submitLabel: string;
  pendingLabel: string;
  /** Sign-in: where to go afterwards. */
  next?: string;
  /** Setup from another machine than the server's: ask for the setup code from its log. */
  askSetupCode?: boolean;
}

/**
 * The setup, invitation and sign-in forms: a plain form posting to a server action, so it works
 * before (or without) JavaScript; the server validates and answers with messages per field.
 */
export function AuthForm({ mode, action, submitLabel, pendingLabel, next, askSetupCode }: Props) {
  const [state, formAction, pending] = useActionState(action, {});
  const id = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.fieldErrors ?? {};

  // After a failed attempt: clear the password, and put focus on the first field with a problem
  // (or the form's alert).
  useEffect(() => {
    const form = formRef.current;
    if (!form || (!state.message && !state.fieldErrors)) return;
    const password = form.elements.namedItem("password");
    if (password instanceof HTMLInputElement) password.value = "";
    const invalid = form.querySelector<HTMLElement>("[aria-invalid=true]");
    (invalid ?? form.querySelector<HTMLElement>("[data-form-alert]"))?.focus();
  }, [state]);

  // With JavaScript, submit through the action without React's automatic form reset, so what was
  // typed stays put; without it, `action` posts the form natively.
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <form ref={formRef} action={formAction} onSubmit={submit} noValidate className="space-y-5">
      {askSetupCode && (
        <FormField
          id={`${id}-setup-code`}
          label="Setup code"
          required
          hint="You are not on the server's own machine, so setup asks for the code the server printed in its start-up log, after “[setup] No admin yet”."
          error={errors.setupCode}
        >
          {(fieldProps) => (
            <input
              {...fieldProps}
              name="setupCode"
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={200}
              className={`${fieldInputClass} font-mono`}
            />
          )}
        </FormField>
      )}
      {mode === "create" && (
        <FormField id={`${id}-name`} label="Name" required error={errors.name}>
          {(fieldProps) => (
            <input
              {...fieldProps}
              name="name"
              type="text"
              autoComplete="name"
              defaultValue={state.values?.name}
              className={fieldInputClass}
            />
          )}
        </FormField>
      )}
      <FormField id={`${id}-email`} label="Email" required error={errors.email}>
        {(fieldProps) => (
          <input
            {...fieldProps}
            name="email"
            type="email"
            autoComplete={mode === "create" ? "email" : "username"}
            defaultValue={state.values?.email}
            className={fieldInputClass}
          />
        )}
      </FormField>
      <FormField
        id={`${id}-password`}
        label="Password"
        required
        hint={
          mode === "create"
            ? `At least ${PASSWORD_MIN} characters. A few unrelated words make a strong, memorable password.`
            : undefined
        }
        error={errors.password}
      >
        {(fieldProps) => (
          <input
            {...fieldProps}
            name="password"
            type="password"
            autoComplete={mode === "create" ? "new-password" : "current-password"}
            className={fieldInputClass}
          />
        )}
      </FormField>
      {next && <input type="hidden" name="next" value={next} />}
      {state.message && !state.fieldErrors && (
        <div tabIndex={-1} data-form-alert className="focus:outline-none">
          <FormAlert>
            <p>{state.message}</p>
          </FormAlert>
        </div>
      )}
      <Button type="submit" variant="primary" disabled={pending} className="w-full">
        {pending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
