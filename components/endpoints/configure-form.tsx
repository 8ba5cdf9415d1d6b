"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";

import { lookalikeWarning } from "@/components/credentials/credential-ownership";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass, FormField } from "@/components/ui/form-field";
import { CREATE_REQUEST_FAILED_MESSAGE } from "@/components/ui/messages";
import { standaloneLinkClass } from "@/components/ui/text-link";
import { useAction, type RequestFailed } from "@/components/ui/use-action";
import { fieldErrorsOf, type ActionResult } from "@/lib/action-result.browser-safe";
import { findConnectorDefinition } from "@/lib/connectors/catalog.browser-safe";
import type { ConnectorWorkspace } from "@/lib/connectors/types.browser-safe";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { createEndpointAction, listWorkspacesAction } from "@/lib/endpoints/actions";
import {
  endpointFormSchema,
  type EndpointFormField,
  type EndpointFormValues,
} from "@/lib/endpoints/schemas.browser-safe";
import { formatClickUpAccount } from "@/lib/format/account.browser-safe";
import type * as z from "@/lib/zod-mini.browser-safe";

interface Props {
  kind: EndpointKind;
  connectorId: string;
  credential: {
    id: string;
    name: string;
    account: { name: string; email: string };
    /** Its owner ("Name (email)"), when it was shared with the person. */
    sharedBy?: string;
    /** The name of another credential the person can use that this one's name looks like. */
    looksLike: string | null;
  };
  initialName: string;
  authenticatePath: string;
}

type Problem = { reason: string; message: string };

export function ConfigureForm({ kind, connectorId, credential, initialName, authenticatePath }: Props) {
  const connector = findConnectorDefinition(connectorId)!;
  const { label } = endpointKinds[kind];
  const router = useRouter();
  const id = useId();
  // Pending is react-hook-form's isSubmitting, which also covers the browser's own checks.
  const { run } = useAction({ failureMessage: CREATE_REQUEST_FAILED_MESSAGE });
  const [submitProblem, setSubmitProblem] = useState<Problem>();
  const workspaces = useWorkspaces(connectorId, credential.id);
  const listed = workspaces.result?.ok ? workspaces.result.data : undefined;
  const problem = submitProblem ?? (workspaces.result?.ok === false ? workspaces.result : undefined);
  const {
    register,
    handleSubmit,
    setError,
    control,
    formState: { errors, isSubmitting },
  } = useForm<z.input<typeof endpointFormSchema>, unknown, EndpointFormValues>({
    resolver: zodResolver(endpointFormSchema),
    defaultValues: { name: initialName, workspaceId: "" },
  });

  const draftName = useWatch({ control, name: "name" });
  // Going back keeps the name typed so far and the credential that was selected.
  const backHref = `${authenticatePath}?${new URLSearchParams({ credential: credential.id, name: draftName ?? "" })}`;

  const submit = handleSubmit(async (values) => {
    setSubmitProblem(undefined);
    const result = await run(() =>
      createEndpointAction({ ...values, kind, connector: connectorId, credentialId: credential.id }),
    );
    if (result.ok) return router.push(result.data.path);
    const fieldErrors = Object.entries(fieldErrorsOf(result)) as [EndpointFormField, string][];
    fieldErrors.forEach(([field, message], index) => setError(field, { message }, { shouldFocus: index === 0 }));
    if (fieldErrors.length === 0) setSubmitProblem(result);
  });

  const account = formatClickUpAccount(credential.account);
  return (
    <form noValidate onSubmit={submit} className="max-w-xl space-y-5">
      <p className="wrap-anywhere text-slate-700 dark:text-slate-300">
        Using credential <strong>{credential.name}</strong>
        {credential.sharedBy && <>, shared with you by {credential.sharedBy}</>}
        {account && (
          <>
            , {connector.displayName} account {account}
          </>
        )}
        .{" "}
        <Link href={backHref} className="font-medium text-indigo-700 underline dark:text-indigo-300">
          Change
        </Link>
      </p>
      {credential.looksLike && (
        <p className="font-medium break-words text-amber-900 dark:text-amber-200">
          ⚠ {lookalikeWarning(credential.looksLike)}
        </p>
      )}

      <FormField
        id={`${id}-name`}
        label="Name"
        required
        hint={`How this ${label} is listed.`}
        error={errors.name?.message}
      >
        {(fieldProps) => (
          <input {...fieldProps} {...register("name")} type="text" autoComplete="off" className={fieldInputClass} />
        )}
      </FormField>

      <FormField
        id={`${id}-workspace`}
        label={connector.workspaceLabel}
        required
        hint={`The ${connector.displayName} ${connector.workspaceLabel} this ${label} ${kind === "source" ? "reads from" : "writes to"}.`}
        error={errors.workspaceId?.message}
      >
        {(fieldProps) => (
          // aria-disabled, not disabled, while loading: a disabled field leaves the Tab order, so a
          // keyboard user who tabs before the list arrives would be carried past it. Until then its
          // only option is the empty one, so nothing can be chosen.
          <select
            {...fieldProps}
            {...register("workspaceId")}
            aria-disabled={listed ? undefined : true}
            className={fieldInputClass}
          >
            <option value="">
              {listed
                ? `Choose a ${connector.workspaceLabel}`
                : workspaces.pending
                  ? `Loading your ${connector.displayName} ${connector.workspaceLabel}s…`
                  : "Unavailable"}
            </option>
            {listed &&
              listed.map((workspace) => (
                <option key={workspace.id} value={workspace.id}>
                  {workspace.name}
                </option>
              ))}
          </select>
        )}
      </FormField>

      {problem && (
        <FormAlert>
          <p>{problem.message}</p>
          {/* Gone, not theirs, or unusable as stored: the way on is another credential. */}
          {problem.reason === "credential-unusable" || problem.reason === "not-found" ? (
            <Link href={backHref} className={`${standaloneLinkClass} font-medium underline`}>
              Pick or add another credential
            </Link>
          ) : (
            workspaces.result?.ok === false && (
              <button
                type="button"
                onClick={workspaces.load}
                className={`${standaloneLinkClass} rounded-sm border border-transparent font-medium underline`}
              >
                Try again
              </button>
            )
          )}
        </FormAlert>
      )}

      <div className="flex items-center justify-between border-t border-slate-200 pt-4 dark:border-slate-800">
        <Link href={backHref} className="font-medium text-slate-700 underline dark:text-slate-300">
          Back
        </Link>
        <Button type="submit" variant="primary" disabled={isSubmitting || !listed}>
          {isSubmitting ? "Creating…" : "Create"}
        </Button>
      </div>
    </form>
  );
}

/** The credential's Workspaces, asked of the server once the form is shown, and again on "Try again". */
function useWorkspaces(connectorId: string, credentialId: string) {
  const { run } = useAction();
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<ActionResult<ConnectorWorkspace[]> | RequestFailed>();
  useEffect(() => {
    let current = true;
    void run(() => listWorkspacesAction({ connector: connectorId, credentialId })).then((answer) => {
      if (current) setResult(answer);
    });
    return () => {
      current = false;
    };
  }, [connectorId, credentialId, run, attempt]);
  const load = () => {
    setResult(undefined);
    setAttempt((count) => count + 1);
  };
  return { result, pending: result === undefined, load };
}
