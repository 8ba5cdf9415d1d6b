"use client";

import { useRef, useState } from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useAction } from "@/components/ui/use-action";
import { removePersonAction } from "@/lib/people/actions";
import type { PersonSummary } from "@/lib/people/results";

/** "Remove" with a confirmation that says what happens to what they own. */
export function RemovePersonButton({ person }: { person: PersonSummary }) {
  const opener = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const { pending, run } = useAction({ refresh: "on-success" });
  const [problem, setProblem] = useState<string>();

  // Each opening starts without the last one's refusal.
  function openChange(next: boolean) {
    if (!next) setProblem(undefined);
    setOpen(next);
  }

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
      <ConfirmDialog
        title="Remove Person"
        open={open}
        onOpenChange={openChange}
        pending={pending}
        returnFocusTo={() => opener.current}
        confirm={{ label: "Remove", pendingLabel: "Removing…", onConfirm: confirm }}
        problem={problem}
      >
        <p>
          Remove <strong>{person.name}</strong> ({person.email})? They are signed out everywhere at once and can no
          longer sign in.
        </p>
        <p>
          Their {person.credentialCount} credential(s) and {person.endpointCount} source(s)/destination(s) become yours
          (renamed if a name clashes with one of yours). Credentials shared with them are no longer shared, and their
          sources and destinations using credentials other people shared with them are deleted.
        </p>
      </ConfirmDialog>
    </>
  );
}
