"use client";

import type { Ref } from "react";

import { AUTH_METHOD_LABELS } from "@/lib/connectors/types.browser-safe";
import type { PublicCredential } from "@/lib/credentials/public-credential";
import { formatClickUpAccount } from "@/lib/format/account.browser-safe";
import { formatUtcDateTime } from "@/lib/format/date.browser-safe";

import { CredentialHealthBadge } from "./credential-health-badge";
import { describeOwner, lookalikeWarning } from "./credential-ownership";

interface Props {
  ref: Ref<HTMLButtonElement>;
  credential: PublicCredential;
  selected: boolean;
  tabbable: boolean;
  onSelect: () => void;
}

export function CredentialTile({ ref, credential, selected, tabbable, onSelect }: Props) {
  const account = formatClickUpAccount(credential.account);
  const nameId = `credential-${credential.id}-name`;
  const ownerId = `credential-${credential.id}-owner`;
  // A credential shared with the person says whose it is in its name too: one named like theirs
  // cannot pass for it, on screen or read aloud.
  const shared = credential.access !== "own";
  const labelledBy = shared ? `${nameId} ${ownerId}` : nameId;
  const describedBy = `credential-${credential.id}-details`;
  return (
    <button
      ref={ref}
      type="button"
      role="radio"
      aria-checked={selected}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      tabIndex={tabbable ? 0 : -1}
      data-credential-id={credential.id}
      onClick={onSelect}
      // Forced colours (Windows High Contrast) drop the fill and the ring and repaint every border in
      // one colour: there the selected tile gets a second, inner edge (an outline, so nothing moves)
      // in Highlight, and its mark a filled centre: a change of shape, whatever the palette.
      className={`flex min-h-36 min-w-0 flex-col items-start gap-1 rounded-lg border-2 bg-white p-4 text-left hover:border-indigo-400 dark:bg-slate-900 ${
        selected
          ? "border-indigo-600 ring-2 ring-indigo-600/30 dark:border-indigo-400 forced-colors:border-[Highlight] forced-colors:outline-2 forced-colors:-outline-offset-6 forced-colors:outline-[Highlight]"
          : "border-slate-200 dark:border-slate-700"
      }`}
    >
      <span className="flex w-full min-w-0 items-start justify-between gap-2">
        <span id={nameId} className="font-semibold break-all">
          {credential.name}
        </span>
        <RadioMark selected={selected} />
      </span>
      {shared && (
        <span id={ownerId} className="text-sm font-medium wrap-anywhere text-slate-900 dark:text-slate-100">
          Shared by {describeOwner(credential)}
        </span>
      )}
      <span
        id={describedBy}
        className="flex max-w-full flex-col gap-1 text-sm wrap-anywhere text-slate-700 dark:text-slate-300"
      >
        {credential.looksLike && (
          <span className="font-medium text-amber-900 dark:text-amber-200">
            ⚠ {lookalikeWarning(credential.looksLike)}
          </span>
        )}
        {credential.state !== "ok" && <CredentialHealthBadge credential={credential} withReason />}
        {credential.description && <span className="line-clamp-2">{credential.description}</span>}
        <span>ClickUp account: {account || "unknown"}</span>
        <span>
          {credential.usageCount === 0
            ? "Not used yet"
            : `Used by ${credential.usageCount} ${credential.usageCount === 1 ? "source or destination" : "sources and destinations"}`}
        </span>
        <span>
          {AUTH_METHOD_LABELS[credential.authMethod]} · Token ending …{credential.tokenLast4} · Verified{" "}
          <time dateTime={credential.lastVerifiedAt}>{formatUtcDateTime(credential.lastVerifiedAt)}</time>
        </span>
      </span>
    </button>
  );
}

/** The tile's radio mark: a ring, filled in the middle when selected. Drawn in the text colour, which forced colours keep. */
function RadioMark({ selected }: { selected: boolean }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 16 16"
      className={`mt-0.5 size-4 shrink-0 ${selected ? "text-indigo-600 dark:text-indigo-400 forced-colors:text-[Highlight]" : "text-slate-500 dark:text-slate-400"}`}
    >
      <circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
      {selected && <circle cx="8" cy="8" r="4" fill="currentColor" />}
    </svg>
  );
}
