"use client";

import { useRef, useState, type FormEvent } from "react";
import { flushSync } from "react-dom";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass, FormField } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { fieldErrorsOf } from "@/lib/action-result.browser-safe";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import { API_KEY_MESSAGES } from "@/lib/api-keys/messages";
import type { ProxyTargetChoice as Choice } from "@/lib/api-keys/results";
import { API_KEY_EXPIRY_CHOICES, newApiKeySchema, type NewApiKeyField } from "@/lib/api-keys/schemas.browser-safe";
import { API_KEY_SCOPES, type ApiKeyScope } from "@/lib/api-keys/scopes.browser-safe";

import { NewApiKey } from "./new-api-key";
import { ProxyTargetChoice, type ChosenTargets } from "./proxy-target-choice";
import { ScopeCheckboxes } from "./scope-checkboxes";

const NO_TARGETS: ChosenTargets = { credentialIds: [], endpointIds: [] };

/**
 * "Create API key": a name, an optional expiry, its scopes (all by default) and, with proxy, what
 * it may proxy through; or the Pipeline key preset. The new key is shown once, below.
 */
export function CreateApiKeyPanel({ choices }: { choices: Choice[] }) {
  const { pending, run } = useAction({ refresh: "on-success" });
  const [name, setName] = useState("");
  const [expiresInDays, setExpiresInDays] = useState(0);
  const [scopes, setScopes] = useState<ApiKeyScope[]>([...API_KEY_SCOPES]);
  const [targets, setTargets] = useState<ChosenTargets>(NO_TARGETS);
  const [targetsOpen, setTargetsOpen] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<NewApiKeyField, string>>>({});
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState("");
  const [created, setCreated] = useState<{ key: string; name: string }>();
  const firstSource = useRef<HTMLInputElement>(null);
  const proxy = scopes.includes("proxy");

  function pipelinePreset() {
    const sources = choices.flatMap((choice) => choice.endpoints.filter((endpoint) => endpoint.kind === "source"));
    // Rendered at once, so focus can wait on the first source of the list it opens (rendered only open).
    flushSync(() => {
      setScopes(["proxy"]);
      setTargets({ credentialIds: [], endpointIds: sources.length === 1 ? [sources[0].id] : [] });
      setTargetsOpen(true);
      setErrors({});
      setNotice(API_KEY_MESSAGES.pipelinePreset(sources.length === 1 ? sources[0].name : sources.length));
    });
    firstSource.current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    setCreated(undefined);
    // Only a key with proxy proxies through anything: the choice is not sent without it.
    const input = { name, expiresInDays, scopes, proxyTargets: proxy ? targets : undefined };
    // The same schema the command runs: mistakes are explained before anything is sent.
    const parsed = newApiKeySchema.safeParse(input);
    if (!parsed.success) {
      const first = (field: NewApiKeyField) => parsed.error.issues.find((issue) => issue.path[0] === field)?.message;
      setErrors({ name: first("name"), scopes: first("scopes") });
      return;
    }
    setErrors({});
    const result = await run(() => createApiKeyAction(parsed.data));
    if (!result.ok) {
      const fieldErrors = fieldErrorsOf(result);
      setErrors(fieldErrors);
      if (fieldErrors.proxyTargets) setTargetsOpen(true);
      setProblem(result.message);
      return;
    }
    setCreated({ key: result.data.key, name: result.data.apiKey.name });
    setName("");
    setScopes([...API_KEY_SCOPES]);
    setTargets(NO_TARGETS);
    setTargetsOpen(false);
    setNotice("");
  }

  return (
    <section aria-labelledby="new-api-key-heading" className="space-y-4">
      <h2 id="new-api-key-heading" className="text-lg font-semibold">
        New API key
      </h2>
      <div className="max-w-xl space-y-2 rounded-md border border-slate-300 p-3 dark:border-slate-700">
        <p id="pipeline-key-help" className="text-sm">
          A <strong>pipeline key</strong> is the recommended way to let a pipeline use a credential: it has only the
          proxy scope and calls ClickUp through one source, never reading the token or changing anything.
        </p>
        <Button variant="secondary" onClick={pipelinePreset} aria-describedby="pipeline-key-help">
          Pipeline key
        </Button>
        <p role="status" className="text-sm text-slate-700 empty:hidden dark:text-slate-300">
          {notice}
        </p>
      </div>
      <form onSubmit={submit} noValidate className="max-w-xl space-y-4">
        <FormField
          id="api-key-name"
          label="Name"
          required
          hint="What will use it, e.g. “Terraform”."
          error={errors.name}
        >
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
        <ScopeCheckboxes scopes={scopes} onChange={setScopes} error={errors.scopes} />
        {proxy && (
          <ProxyTargetChoice
            choices={choices}
            chosen={targets}
            onChange={setTargets}
            open={targetsOpen}
            onOpenChange={setTargetsOpen}
            error={errors.proxyTargets}
            firstSource={firstSource}
          />
        )}
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
