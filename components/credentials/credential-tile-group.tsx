"use client";

import { useRef, type KeyboardEvent } from "react";

import type { PublicCredential } from "@/lib/credentials/public-credential";

import { CredentialTile } from "./credential-tile";

interface Props {
  label: string;
  credentials: PublicCredential[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

/**
 * A single-choice group (WAI-ARIA radio group): one tab stop, arrow keys move and select,
 * Space/Enter select.
 */
export function CredentialTileGroup({ label, credentials, selectedId, onSelect }: Props) {
  const tileRefs = useRef(new Map<string, HTMLButtonElement>());
  const tabStopId = credentials.some((c) => c.id === selectedId) ? selectedId : credentials[0]?.id;

  function handleKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
    let index = credentials.findIndex((c) => c.id === (event.target as HTMLElement).dataset.credentialId);
    if (index < 0) return;
    if (event.key in moves) index = (index + moves[event.key] + credentials.length) % credentials.length;
    else if (event.key === "Home") index = 0;
    else if (event.key === "End") index = credentials.length - 1;
    else return;
    event.preventDefault();
    const next = credentials[index];
    onSelect(next.id);
    tileRefs.current.get(next.id)?.focus();
  }

  if (credentials.length === 0) return null;
  return (
    <div role="radiogroup" aria-label={label} onKeyDown={handleKeyDown} className="contents">
      {credentials.map((credential) => (
        <CredentialTile
          key={credential.id}
          ref={(element) => {
            if (element) tileRefs.current.set(credential.id, element);
            else tileRefs.current.delete(credential.id);
          }}
          credential={credential}
          selected={credential.id === selectedId}
          tabbable={credential.id === tabStopId}
          onSelect={() => onSelect(credential.id)}
        />
      ))}
    </div>
  );
}
