"use client";

import { API_KEY_SCOPE_MEANINGS, API_KEY_SCOPES, type ApiKeyScope } from "@/lib/api-keys/scopes.browser-safe";

const ERROR_ID = "api-key-scopes-error";
const idOf = (scope: ApiKeyScope) => `api-key-scope-${scope.replace(":", "-")}`;

interface Props {
  scopes: readonly ApiKeyScope[];
  onChange: (scopes: ApiKeyScope[]) => void;
  error?: string;
}

/**
 * The five API key scopes, each a checkbox whose name is exactly its scope (what scripts and
 * the API say), with what it allows as its description.
 */
export function ScopeCheckboxes({ scopes, onChange, error }: Props) {
  function toggle(scope: ApiKeyScope, checked: boolean) {
    // Kept in the list's order, so what is sent reads like what is shown.
    onChange(API_KEY_SCOPES.filter((each) => (each === scope ? checked : scopes.includes(each))));
  }

  return (
    <fieldset className="space-y-2" aria-describedby={error ? ERROR_ID : undefined}>
      <legend className="text-sm font-medium">Scopes</legend>
      <ul className="space-y-2">
        {API_KEY_SCOPES.map((scope) => (
          <li key={scope} className="flex items-start gap-2">
            {/* 24 px: the smallest target WCAG 2.2 (2.5.8) allows. */}
            <input
              id={idOf(scope)}
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(change) => toggle(scope, change.target.checked)}
              aria-describedby={`${idOf(scope)}-meaning`}
              className="size-6 shrink-0"
            />
            <div>
              <label htmlFor={idOf(scope)} className="font-mono text-sm">
                {scope}
              </label>
              <p id={`${idOf(scope)}-meaning`} className="text-sm text-slate-600 dark:text-slate-400">
                {API_KEY_SCOPE_MEANINGS[scope]}
              </p>
            </div>
          </li>
        ))}
      </ul>
      <p id={ERROR_ID} aria-live="polite" className="text-sm font-medium text-red-700 empty:hidden dark:text-red-400">
        {error}
      </p>
    </fieldset>
  );
}
