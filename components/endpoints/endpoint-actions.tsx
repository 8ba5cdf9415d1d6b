"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass, FormField } from "@/components/ui/form-field";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/components/ui/use-action";
import { fieldErrorsOf } from "@/lib/action-result.browser-safe";
import { endpointKinds, type EndpointKind } from "@/lib/endpoint-kinds.browser-safe";
import { deleteEndpointAction, renameEndpointAction } from "@/lib/endpoints/actions";
import { ENDPOINT_NAME_MAX } from "@/lib/endpoints/schemas.browser-safe";

/** Rename and Delete (with a confirmation dialog) on a source's or destination's page. */
export function EndpointActions({ kind, id, name }: { kind: EndpointKind; id: string; name: string }) {
  const router = useRouter();
  const { pending, run } = useAction({ refresh: "on-success" });
  const [open, setOpen] = useState<"rename" | "delete">();
  const [draft, setDraft] = useState(name);
  const [nameError, setNameError] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const { label, basePath } = endpointKinds[kind];

  function show(dialog: "rename" | "delete" | undefined) {
    setProblem(undefined);
    setNameError(undefined);
    setDraft(name);
    setOpen(dialog);
  }

  async function rename(event: FormEvent) {
    event.preventDefault();
    const result = await run(() => renameEndpointAction({ kind, id, name: draft }));
    if (result.ok) return setOpen(undefined);
    const nameError = fieldErrorsOf(result).name;
    setNameError(nameError);
    setProblem(nameError ? undefined : result.message);
  }

  async function remove() {
    const result = await run(() => deleteEndpointAction({ kind, id }));
    if (result.ok) return router.push(basePath);
    setProblem(result.message);
  }

  const dialog = (which: "rename" | "delete") => ({
    open: open === which,
    onOpenChange: (next: boolean) => show(next ? which : undefined),
    pending,
  });

  return (
    <section aria-label={`Manage this ${label}`} className="flex flex-wrap gap-3">
      <Button variant="secondary" onClick={() => show("rename")}>
        Rename
      </Button>
      <Button variant="danger" onClick={() => show("delete")}>
        Delete
      </Button>

      <ModalDialog title={`Rename ${label}`} {...dialog("rename")}>
        <form onSubmit={rename} noValidate className="space-y-4 px-6 py-5">
          <FormField id="endpoint-name" label="Name" required error={nameError}>
            {(field) => (
              <input
                {...field}
                className={fieldInputClass}
                value={draft}
                maxLength={ENDPOINT_NAME_MAX}
                onChange={(event) => setDraft(event.target.value)}
              />
            )}
          </FormField>
          {problem && (
            <FormAlert>
              <p>{problem}</p>
            </FormAlert>
          )}
          <div className="flex justify-end gap-3">
            <Button variant="secondary" onClick={() => show(undefined)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? "Saving…" : "Save"}
            </Button>
          </div>
        </form>
      </ModalDialog>

      <ConfirmDialog
        title={`Delete ${label}`}
        {...dialog("delete")}
        confirm={{ label: "Delete", pendingLabel: "Deleting…", onConfirm: remove }}
        problem={problem}
      >
        <p>
          Delete the {label} <strong>&ldquo;{name}&rdquo;</strong>? Its credential is kept. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
