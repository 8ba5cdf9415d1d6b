"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { useAction } from "@/components/ui/use-action";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";

/** Revoke: the key stops working at its next request. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const { pending, run } = useAction({ refresh: "always" });
  const [problem, setProblem] = useState<string>();
  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        aria-label={`Revoke API key ${name}`}
        onClick={async () => {
          const result = await run(() => revokeApiKeyAction({ id }));
          setProblem(result.ok ? undefined : result.message);
        }}
      >
        Revoke
      </Button>
      {problem && (
        <FormAlert>
          <p>{problem}</p>
        </FormAlert>
      )}
    </div>
  );
}
