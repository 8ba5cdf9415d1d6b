"use client";

import { useState } from "react";

import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { fieldInputClass } from "@/components/ui/form-field";
import { SuccessNotice } from "@/components/ui/success-notice";
import { useAction } from "@/components/ui/use-action";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";
import { createInvitationAction, revokeInvitationAction } from "@/lib/people/actions";
import type { PendingInvitation } from "@/lib/people/results";

/** Make an invitation link (shown once, here), and see or revoke the ones not yet used. */
export function InvitePanel({ invitations }: { invitations: PendingInvitation[] }) {
  // A refusal refreshes too: it usually means the page is out of date (someone else changed it).
  const { pending, run: call } = useAction({ refresh: "always" });
  const [link, setLink] = useState<{ url: string; expiresAt: string }>();
  const [problem, setProblem] = useState<string>();
  const [copied, setCopied] = useState(false);

  async function run<T extends { ok: true } | { ok: false; message: string }>(action: () => Promise<T>) {
    setProblem(undefined);
    const result = await call(action);
    if (!result.ok) setProblem(result.message);
    return result;
  }

  async function invite() {
    setCopied(false);
    const result = await run(() => createInvitationAction());
    if (result.ok && "data" in result)
      setLink({ url: new URL(result.data.path, window.location.origin).toString(), expiresAt: result.data.expiresAt });
  }

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link.url);
      setCopied(true);
    } catch {
      setProblem("Could not copy automatically. Select the link and copy it.");
    }
  }

  return (
    <section aria-labelledby="invitations" className="space-y-4">
      <h2 id="invitations" className="text-lg font-semibold">
        Invitations
      </h2>
      <p className="max-w-prose text-sm text-slate-700 dark:text-slate-300">
        An invitation is a link that lets one person create an account. Send it to them yourself (no email is sent). It
        works once and expires after 7 days.
      </p>
      <Button variant="primary" onClick={invite} disabled={pending}>
        {pending ? "Working…" : "Create invitation link"}
      </Button>
      <div aria-live="polite">
        {link && (
          <SuccessNotice>
            <p className="font-medium">Invitation link created. Copy it now: it will not be shown again.</p>
            <label htmlFor="invitation-link" className="block text-sm font-medium">
              Invitation link
            </label>
            <input
              id="invitation-link"
              readOnly
              value={link.url}
              onFocus={(event) => event.currentTarget.select()}
              className={fieldInputClass}
            />
            <div className="flex flex-wrap items-center gap-3">
              <Button variant="secondary" onClick={copy}>
                Copy link
              </Button>
              {copied && <span>Copied.</span>}
              <span className="text-sm">Expires {formatUtcDateTime(link.expiresAt)}.</span>
            </div>
          </SuccessNotice>
        )}
        {problem && (
          <FormAlert>
            <p>{problem}</p>
          </FormAlert>
        )}
      </div>
      {invitations.length > 0 && (
        <div className="space-y-2">
          <h3 className="font-medium">Not yet used</h3>
          <ul className="space-y-2">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center gap-3 text-sm">
                <span>
                  Created {formatUtcDateTime(invitation.createdAt)} by {invitation.createdBy}; expires{" "}
                  {formatUtcDateTime(invitation.expiresAt)}
                </span>
                <Button
                  variant="secondary"
                  disabled={pending}
                  onClick={() => run(() => revokeInvitationAction({ id: invitation.id }))}
                  aria-label={`Revoke the invitation created ${formatUtcDateTime(invitation.createdAt)}`}
                >
                  Revoke
                </Button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
