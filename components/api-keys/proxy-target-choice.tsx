"use client";

import type { RefObject } from "react";

import type { ProxyTargetChoice as Choice } from "@/lib/api-keys/results";

const HINT_ID = "api-key-targets-hint";
const ERROR_ID = "api-key-targets-error";

export interface ChosenTargets {
  credentialIds: string[];
  endpointIds: string[];
}

interface Props {
  choices: Choice[];
  chosen: ChosenTargets;
  onChange: (chosen: ChosenTargets) => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  error?: string;
  /** The first source's checkbox: where the Pipeline key preset puts focus. */
  firstSource: RefObject<HTMLInputElement | null>;
}

const KIND_LABEL = { source: "Source", destination: "Destination" } as const;
const toggled = (ids: string[], id: string, on: boolean) => (on ? [...ids, id] : ids.filter((each) => each !== id));

/**
 * "Proxy only through": the credentials the person may use, each with their sources and
 * destinations, to restrict a key with the proxy scope to. Folded away until asked for, and only
 * rendered then: a person with many credentials gets a long list only when they want it.
 */
export function ProxyTargetChoice({ choices, chosen, onChange, open, onOpenChange, error, firstSource }: Props) {
  const count = chosen.credentialIds.length + chosen.endpointIds.length;
  const firstSourceId = choices.flatMap((choice) => choice.endpoints).find((each) => each.kind === "source")?.id;
  return (
    <details open={open} onToggle={(event) => onOpenChange(event.currentTarget.open)} className="space-y-2">
      <summary className="cursor-pointer text-sm font-medium">
        Proxy only through (optional){count > 0 ? `: ${count} chosen` : ""}
      </summary>
      {open && (
        <fieldset className="space-y-2 pt-2" aria-describedby={[HINT_ID, error && ERROR_ID].filter(Boolean).join(" ")}>
          <legend className="sr-only">Proxy only through</legend>
          <p id={HINT_ID} className="text-sm text-slate-600 dark:text-slate-400">
            Leave all unchecked to let the key call ClickUp through any credential you may use. A key restricted to a
            source calls ClickUp only through that source.
          </p>
          {choices.length === 0 ? (
            <p className="text-sm">You have no credentials to choose from yet.</p>
          ) : (
            <ul className="space-y-2">
              {choices.map((choice) => (
                <li key={choice.id} className="space-y-1">
                  <label className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      className="size-6 shrink-0"
                      checked={chosen.credentialIds.includes(choice.id)}
                      onChange={(change) =>
                        onChange({
                          ...chosen,
                          credentialIds: toggled(chosen.credentialIds, choice.id, change.target.checked),
                        })
                      }
                    />
                    <span>
                      <span className="text-slate-600 dark:text-slate-400">Credential</span> {choice.name}
                    </span>
                  </label>
                  {choice.endpoints.length > 0 && (
                    <ul className="space-y-1 pl-8">
                      {choice.endpoints.map((endpoint) => (
                        <li key={endpoint.id}>
                          <label className="flex items-center gap-2 text-sm">
                            <input
                              ref={endpoint.id === firstSourceId ? firstSource : undefined}
                              type="checkbox"
                              className="size-6 shrink-0"
                              checked={chosen.endpointIds.includes(endpoint.id)}
                              onChange={(change) =>
                                onChange({
                                  ...chosen,
                                  endpointIds: toggled(chosen.endpointIds, endpoint.id, change.target.checked),
                                })
                              }
                            />
                            <span>
                              <span className="text-slate-600 dark:text-slate-400">{KIND_LABEL[endpoint.kind]}</span>{" "}
                              {endpoint.name}
                            </span>
                          </label>
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p
            id={ERROR_ID}
            aria-live="polite"
            className="text-sm font-medium text-red-700 empty:hidden dark:text-red-400"
          >
            {error}
          </p>
        </fieldset>
      )}
    </details>
  );
}
