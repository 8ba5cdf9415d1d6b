"use client";

import { useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { useAction } from "@/components/ui/use-action";
import { removePersonAction } from "@/lib/people/actions";
import type { PersonSummary } from "@/lib/people/results";

/** "Remove" with a confirmation that says what happens to what they own. */
export function RemovePersonButton({ person }: { person: PersonSummary }) {
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const { pending, run } = useAction({ refresh: "on-success" });
  const [problem, setProblem] = useState<string>();

  async function confirm() {
    setProblem(undefined);
    const result = await run(() => removePersonAction({ id: person.id }));
    if (!result.ok) return setProblem(result.message);
    setOpen(false);
  }

  return (
    <>
      <Button ref={opener} variant="secondary" onClick={() => setOpen(true)} aria-label={`Remove ${person.name}`}>
        Remove
      </Button>
      <ModalDialog
        title="Remove Person"
        role="alertdialog"
        open={open}
        onOpenChange={setOpen}
        pending={pending}
        returnFocusTo={() => opener.current}
      >
        <div className="space-y-4 px-6 py-5">
          <p>
            Remove <strong>{person.name}</strong> ({person.email})? They are signed out everywhere at once and can no
            longer sign in.
          </p>
          <p>
            Their {person.credentialCount} credential(s) and {person.endpointCount} source(s)/destination(s) become
            yours (renamed if a name clashes with one of yours). Credentials shared with them are no longer shared, and
            their sources and destinations using credentials other people shared with them are deleted.
          </p>
          {problem && (
            <FormAlert>
              <p>{problem}</p>
            </FormAlert>
          )}
          <div className="flex justify-end gap-3 border-t border-slate-200 pt-4 dark:border-slate-800">
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={pending}>
              Cancel
            </Button>
            <Button variant="danger" onClick={confirm} disabled={pending}>
              {pending ? "Removing…" : "Remove"}
            </Button>
          </div>
        </div>
      </ModalDialog>
    </>
  );
}
