"use client";

import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass, FormField } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { fieldErrorsOf } from "@/lib/action-result.browser-safe";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import { API_KEY_EXPIRY_CHOICES, newApiKeySchema } from "@/lib/api-keys/schemas.browser-safe";

import { NewApiKey } from "./new-api-key";

/** "Create API key": a name and an optional expiry; the new key is shown once, below. */
export function CreateApiKeyPanel() {
  const { pending, run } = useAction({ refresh: "on-success" });
  const [name, setName] = useState("");
  const [expiresInDays, setExpiresInDays] = useState(0);
  const [nameError, setNameError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const [created, setCreated] = useState<{ key: string; name: string }>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    setCreated(undefined);
    // The same schema the command runs: mistakes are explained before anything is sent.
    const parsed = newApiKeySchema.safeParse({ name, expiresInDays });
    if (!parsed.success) {
      setNameError(parsed.error.issues.find((issue) => issue.path[0] === "name")?.message);
      return;
    }
    setNameError(undefined);
    const result = await run(() => createApiKeyAction(parsed.data));
    if (!result.ok) {
      setNameError(fieldErrorsOf(result).name);
      setProblem(result.message);
      return;
    }
    setCreated({ key: result.data.key, name: result.data.apiKey.name });
    setName("");
  }

  return (
    <section aria-labelledby="new-api-key-heading" className="space-y-4">
      <h2 id="new-api-key-heading" className="text-lg font-semibold">
        New API key
      </h2>
      <form onSubmit={submit} noValidate className="max-w-md space-y-4">
        <FormField id="api-key-name" label="Name" required hint="What will use it, e.g. “Terraform”." error={nameError}>
          {(field) => (
            <input
              {...field}
              className={fieldInputClass}
              value={name}
              maxLength={100}
              autoComplete="off"
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </FormField>
        <FormField id="api-key-expiry" label="Expires">
          {(field) => (
            <select
              {...field}
              className={fieldInputClass}
              value={expiresInDays}
              onChange={(event) => setExpiresInDays(Number(event.target.value))}
            >
              {API_KEY_EXPIRY_CHOICES.map((choice) => (
                <option key={choice.days} value={choice.days}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <Button type="submit" variant="primary" disabled={pending}>
          {pending ? "Creating…" : "Create API key"}
        </Button>
      </form>
      <div aria-live="polite">
        {created && <NewApiKey apiKey={created.key} name={created.name} />}
        {problem && (
          <FormAlert>
            <p>{problem}</p>
          </FormAlert>
        )}
      </div>
    </section>
  );
}
