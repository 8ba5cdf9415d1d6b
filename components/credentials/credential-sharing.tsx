"use client";

import Link from "next/link";
import { useId, useState } from "react";

import { ActionOutcome } from "@/components/ui/action-outcome";
import { Button } from "@/components/ui/button";
import { fieldInputClass } from "@/components/ui/form-field";
import { useAction } from "@/components/ui/use-action";
import { setShareProxyAction, shareCredentialAction, unshareCredentialAction } from "@/lib/credentials/actions";
import type { CredentialSharingView } from "@/lib/credentials/results";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

interface Props extends CredentialSharingView {
  credentialId: string;
  credentialName: string;
  /** Whether the person looking invites people (the admin), for what to do when there is nobody to share with. */
  canInvite: boolean;
}

/** Who else may use this credential (never see its token), with controls to share and stop sharing. */
export function CredentialSharing({ credentialId, credentialName, canInvite, shares, candidates }: Props) {
  const id = useId();
  const [userId, setUserId] = useState("");
  // A refusal refreshes too: it usually means the page is out of date (someone else changed it).
  const { pending, run: call } = useAction({ refresh: "always" });
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  async function run(action: () => Promise<{ ok: true } | { ok: false; message: string }>, success: string) {
    setOutcome(undefined);
    const result = await call(action);
    setOutcome(result.ok ? { ok: true, text: success } : { ok: false, text: result.message });
    if (result.ok) setUserId("");
  }

  const share = (event: React.FormEvent) => {
    event.preventDefault();
    const person = candidates.find((candidate) => candidate.id === userId);
    if (!person) {
      setOutcome({ ok: false, text: "Choose a person to share with." });
      return;
    }
    void run(
      () => shareCredentialAction({ id: credentialId, userId }),
      `Shared "${credentialName}" with ${person.name}.`,
    );
  };

  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        Sharing
      </h2>
      <p className="max-w-prose text-sm text-slate-700 dark:text-slate-300">
        People you share with can pick this credential for their own sources and destinations. They never see the token
        and cannot edit, replace, share or delete it. With ClickUp proxy use on, their pipelines may also call ClickUp
        with it through the API&rsquo;s ClickUp proxy.
      </p>
      {shares.length === 0 ? (
        <p className="text-slate-700 dark:text-slate-300">Not shared with anyone.</p>
      ) : (
        <ul className="space-y-2">
          {shares.map((entry) => (
            <li key={entry.userId} className="flex flex-wrap items-center gap-3">
              <span className="min-w-0 wrap-anywhere">
                {entry.name} ({entry.email}){" "}
                <span className="text-sm text-slate-700 dark:text-slate-300">
                  since {formatUtcDateTime(entry.sharedAt)}
                </span>
              </span>
              <label className="flex items-center gap-2 text-sm">
                {/* A switch, not a button: it says its state, and Space toggles it like any checkbox. */}
                <input
                  type="checkbox"
                  role="switch"
                  checked={entry.proxyAllowed}
                  disabled={pending}
                  onChange={(change) => {
                    const allowed = change.target.checked;
                    void run(
                      () => setShareProxyAction({ id: credentialId, userId: entry.userId, allowed }),
                      allowed
                        ? `${entry.name} can call ClickUp with "${credentialName}" through the ClickUp proxy.`
                        : `${entry.name} can no longer call ClickUp with "${credentialName}" through the ClickUp proxy.`,
                    );
                  }}
                  aria-label={`ClickUp proxy use by ${entry.name}`}
                  className="size-6"
                />
                <span aria-hidden="true">ClickUp proxy use</span>
              </label>
              <Button
                variant="secondary"
                disabled={pending}
                onClick={() =>
                  run(
                    () => unshareCredentialAction({ id: credentialId, userId: entry.userId }),
                    `Stopped sharing with ${entry.name}.`,
                  )
                }
                aria-label={`Stop sharing with ${entry.name}`}
              >
                Stop sharing
              </Button>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 ? (
        <form onSubmit={share} className="flex flex-wrap items-end gap-3">
          <div className="space-y-1.5">
            <label htmlFor={`${id}-person`} className="block text-sm font-medium">
              Share with
            </label>
            <select
              id={`${id}-person`}
              value={userId}
              onChange={(event) => setUserId(event.target.value)}
              className={fieldInputClass}
            >
              <option value="">Choose a person…</option>
              {candidates.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name} ({candidate.email})
                </option>
              ))}
            </select>
          </div>
          <Button type="submit" variant="secondary" disabled={pending}>
            {pending ? "Sharing…" : "Share"}
          </Button>
        </form>
      ) : (
        // No candidates: either nobody else has a sign-in, or everyone who does has it already.
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {shares.length === 0
            ? "Nobody else can sign in here yet, so there is no one to share it with."
            : "It is shared with everyone else who can sign in here."}{" "}
          {canInvite ? (
            <>
              Invite people from the{" "}
              <Link href="/people" className="font-medium text-indigo-700 underline dark:text-indigo-300">
                People
              </Link>{" "}
              page.
            </>
          ) : (
            "The admin invites people from the People page."
          )}
        </p>
      )}
      <ActionOutcome outcome={outcome} />
    </section>
  );
}
